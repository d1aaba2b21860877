from django.contrib import admin
from django.urls import include, path

from openpes.web.www.register_views import urls as register_urls

urlpatterns = [
    path("", include("openpes.web.www.health_views.urls")),
    path("", include("openpes.web.www.home_views.urls")),
    path("", include("openpes.web.www.caseload_views.urls")),
    path("", include("openpes.web.www.counselling_views.urls")),
    path("", include("openpes.web.www.review_views.urls")),
    path("", include("openpes.web.www.casework_views.urls")),
    path("", include("openpes.web.www.mydata_views.urls")),
    path("", include("openpes.web.www.classifications_views.urls")),
    path("accounts/", include("openpes.web.www.auth_views.urls")),
    path("oversight/", include("openpes.web.www.oversight_views.urls")),
    path("readiness/", include("openpes.web.www.readiness_views.urls")),
    path("api/v1/exchange/", include("openpes.web.www.api_views.exchange")),
    path("api/v1/", include("openpes.web.www.api_views.urls")),
    path("exchange/", include("openpes.web.www.exchange_views.urls")),
    path("ai/", include(register_urls.public_urlpatterns)),
    path("register/", include(register_urls.register_urlpatterns)),
    path("literacy/", include(register_urls.literacy_urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "openpes.web.www.errors_views.views.permission_denied"
