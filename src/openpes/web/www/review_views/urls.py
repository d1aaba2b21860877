from django.urls import path

from openpes.web.www.review_views import views

urlpatterns = [
    path("reviews/", views.inbox, name="review_inbox"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("me/reviews/<int:pk>/escalate/", views.my_review_escalate, name="my_review_escalate"),
]
