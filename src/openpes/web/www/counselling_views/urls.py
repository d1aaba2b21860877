from django.urls import path

from openpes.web.www.counselling_views import views

urlpatterns = [
    path("caseload/<str:reference>/decisions/", views.suggestion_decision, name="suggestion_decision"),
    path("me/review/", views.my_review_request, name="my_review_request"),
]
