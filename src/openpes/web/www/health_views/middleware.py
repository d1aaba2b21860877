"""Answer the load balancer's health probe before host checks and the HTTPS redirect.

Load balancers probe over plain HTTP, often with the instance's IP address as the host.
In production both would fail (``ALLOWED_HOSTS`` refuses the IP, ``SECURE_SSL_REDIRECT``
answers 301), so this middleware stands first and serves ``/healthz`` itself. The view
reads no host and no user, and tells no version.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from openpes.web.www.health_views.views import healthz


class HealthProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in ("/healthz", "/healthz/") and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
