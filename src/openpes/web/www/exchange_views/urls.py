from django.urls import path

from openpes.web.www.exchange_views import views

urlpatterns = [
    path("", views.exchange_hub, name="exchange_hub"),
    path("share/", views.exchange_share, name="exchange_share"),
    path("share/key/", views.exchange_keygen, name="exchange_keygen"),
    path("share/cases/new/", views.exchange_case_new, name="exchange_case_new"),
    path("benchmarks/", views.exchange_benchmarks, name="exchange_benchmarks"),
    path("compare/", views.exchange_compare, name="exchange_compare"),
    path("cases/", views.exchange_cases, name="exchange_cases"),
    path("members/", views.exchange_members, name="exchange_members"),
]
