"""Error pages. A refused access is itself an event for the audit trail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import loader

from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    event_record(
        actor=request.user,
        action=Action.ACCESS_DENIED,
        subject=f"path:{request.path}"[:255],
        details={"method": request.method},
    )
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))
