from django.urls import path

from openpes.web.www.classifications_views import views

urlpatterns = [
    path(
        "caseload/<str:reference>/occupations/national/",
        views.national_occupation,
        name="national_occupation",
    ),
]
