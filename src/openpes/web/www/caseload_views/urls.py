from django.urls import path

from openpes.web.www.caseload_views import views

urlpatterns = [
    path("caseload/", views.caseload, name="counsellor_home"),
    path("caseload/<str:reference>/", views.jobseeker_detail, name="jobseeker_detail"),
    path(
        "caseload/<str:reference>/skills/search/",
        views.caseload_skill_search,
        name="caseload_skill_search",
    ),
    path(
        "caseload/<str:reference>/skills/add/", views.caseload_skill_add, name="caseload_skill_add"
    ),
    path(
        "caseload/<str:reference>/skills/from-text/",
        views.caseload_skill_text,
        name="caseload_skill_text",
    ),
    path(
        "caseload/<str:reference>/skills/remove/",
        views.caseload_skill_remove,
        name="caseload_skill_remove",
    ),
    path("me/", views.my_profile, name="jobseeker_home"),
    path("me/skills/search/", views.my_skill_search, name="my_skill_search"),
    path("me/skills/add/", views.my_skill_add, name="my_skill_add"),
    path("me/skills/remove/", views.my_skill_remove, name="my_skill_remove"),
    path("me/skills/from-text/", views.my_skill_text, name="my_skill_text"),
    path("me/preferences/", views.my_preferences, name="my_preferences"),
    path("team/", views.team, name="team_home"),
]
