from django.urls import path

from openpes.web.www.register_views import views

public_urlpatterns = [
    path("", views.public_ai, name="public_ai"),
    path("algoritmeregister.csv", views.public_ai_csv, name="public_ai_csv"),
    path("<int:pk>/report/", views.public_ai_report, name="public_ai_report"),
    path("<int:pk>/<str:fmt>/", views.public_ai_download, name="public_ai_download"),
]

register_urlpatterns = [
    path("", views.register_home, name="register_home"),
    path("<slug:system>/publish/", views.register_publish, name="register_publish"),
    path("publications/<int:pk>/retract/", views.register_retract, name="register_retract"),
    path("reports/<int:pk>/answer/", views.register_answer, name="register_answer"),
    path("<slug:system>/fria/", views.register_fria, name="register_fria"),
    path("<slug:system>/export/<str:fmt>/", views.register_export, name="register_export"),
    path("<slug:system>/<str:doc>.<str:fmt>", views.register_document, name="register_document"),
]

literacy_urlpatterns = [
    path("", views.literacy_home, name="literacy_home"),
    path("<slug:system>/", views.literacy_course_page, name="literacy_course"),
]
