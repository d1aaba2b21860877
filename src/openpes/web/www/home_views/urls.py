from django.urls import path

from openpes.web.www.home_views import views

urlpatterns = [path("", views.home, name="home")]
