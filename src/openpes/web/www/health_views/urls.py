from django.urls import path

from openpes.web.www.health_views import views

urlpatterns = [path("healthz", views.healthz, name="healthz")]
