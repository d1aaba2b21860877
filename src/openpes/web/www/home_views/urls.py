from django.urls import path

from openpes.web.www.home_views import views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.jobseeker_home, name="jobseeker_home"),
    path("caseload/", views.counsellor_home, name="counsellor_home"),
    path("team/", views.team_home, name="team_home"),
]
