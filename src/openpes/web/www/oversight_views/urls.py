from django.urls import path

from openpes.web.www.oversight_views import views

urlpatterns = [
    path("", views.oversight_home, name="oversight_home"),
]
