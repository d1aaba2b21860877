from django.urls import path

from openpes.web.www.counselling_views import views

urlpatterns = [
    path(
        "caseload/<str:reference>/decisions/", views.suggestion_decision, name="suggestion_decision"
    ),
    path("caseload/<str:reference>/assessment/", views.assessment_begin, name="assessment_begin"),
    path(
        "caseload/<str:reference>/assessment/decision/",
        views.assessment_decision,
        name="assessment_decision",
    ),
    path("me/review/", views.my_review_request, name="my_review_request"),
    path("me/vacancies/respond/", views.my_vacancy_response, name="my_vacancy_response"),
]
