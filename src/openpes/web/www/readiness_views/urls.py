from django.urls import path

from openpes.web.www.readiness_views import views

urlpatterns = [
    path("", views.readiness_home, name="readiness_home"),
    path("start/", views.readiness_start, name="readiness_start"),
    path("<int:pk>/", views.readiness_detail, name="readiness_detail"),
    path("<int:pk>/invite/", views.readiness_invite, name="readiness_invite"),
    path(
        "<int:pk>/respondents/<int:respondent_pk>/step/<int:step>/",
        views.readiness_answer,
        name="readiness_answer",
    ),
    path("<int:pk>/roadmap/", views.readiness_roadmap, name="readiness_roadmap"),
    path("<int:pk>/benchmark/", views.readiness_benchmark, name="readiness_benchmark"),
    path("<int:pk>/compare/", views.readiness_compare, name="readiness_compare"),
    path("<int:pk>/share/", views.readiness_share, name="readiness_share"),
    path("<int:pk>/report.<str:fmt>", views.readiness_export, name="readiness_export"),
]
