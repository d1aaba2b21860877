from django.urls import path

from openpes.web.www.casework_views import views

urlpatterns = [
    path("caseload/<str:reference>/notes/", views.note_create, name="note_create"),
    path(
        "caseload/<str:reference>/appointments/",
        views.appointment_create,
        name="appointment_create",
    ),
    path("caseload/<str:reference>/plan/goals/", views.goal_create, name="goal_create"),
    path("caseload/<str:reference>/plan/steps/", views.step_create, name="step_create"),
    path(
        "caseload/<str:reference>/plan/steps/<int:pk>/done/",
        views.step_done,
        name="step_done",
    ),
    path("caseload/<str:reference>/summary/", views.meeting_summary, name="meeting_summary"),
    path("me/plan/steps/<int:pk>/done/", views.my_step_done, name="my_step_done"),
]
