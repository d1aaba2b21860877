"""The audit trail page: filters, event details, verification on demand, export."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.oversight.enums import OversightAction
from openpes.web.oversight.selectors import latest_verification, trail_event_get, trail_events
from openpes.web.oversight.services import trail_verification_run
from openpes.web.trail.services import event_record
from openpes.web.www.oversight_views.forms import TrailFilterForm, trail_actions

OVERSEERS = (Role.OVERSIGHT, Role.ADMIN)
EXPORT_FIELDS = (
    "position",
    "occurred_at",
    "actor",
    "role",
    "action",
    "subject",
    "details",
    "prev_hash",
    "hash",
)


def _filtered(request: HttpRequest) -> tuple[TrailFilterForm, Any]:
    form = TrailFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    return form, trail_events(**filters)


@require_GET
@role_required(*OVERSEERS)
def trail_home(request: HttpRequest) -> HttpResponse:
    """Events newest first. Shows the stored verification; never re-verifies on load."""
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/trail.html",
        {
            "form": form,
            "page": page,
            "verification": latest_verification(),
            "action_labels": dict(trail_actions()),
            "query": query.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@role_required(*OVERSEERS)
def trail_event(request: HttpRequest, position: int) -> HttpResponse:
    event = trail_event_get(position)
    if event is None:
        raise Http404
    return render(
        request,
        "oversight/trail_event.html",
        {
            "event": event,
            "details": json.dumps(event.details, indent=2, ensure_ascii=False, sort_keys=True),
            "action_labels": dict(trail_actions()),
        },
    )


@require_POST
@role_required(*OVERSEERS)
def trail_verify_view(request: HttpRequest) -> HttpResponse:
    result = trail_verification_run(actor=request.user)
    if result.intact:
        messages.success(request, _("The trail is intact."))
    else:
        messages.error(request, _("The trail is broken. See the verification result."))
    return redirect("oversight_trail")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(verification: Any, events: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(["# verified_at", verification.verified_at.isoformat()])
    yield writer.writerow(
        [
            "# intact",
            verification.intact,
            "checked",
            verification.checked,
            "first_bad",
            verification.first_bad or "",
            verification.problem,
        ]
    )
    yield writer.writerow(EXPORT_FIELDS)
    for event in events.values_list(*EXPORT_FIELDS).iterator(chunk_size=5000):
        row = list(event)
        row[1] = row[1].isoformat()
        row[6] = json.dumps(row[6], sort_keys=True, ensure_ascii=False)
        yield writer.writerow(row)


def _json_rows(verification: Any, events: Any) -> Iterator[str]:
    head = {
        "verification": {
            "verified_at": verification.verified_at.isoformat(),
            "intact": verification.intact,
            "checked": verification.checked,
            "first_bad": verification.first_bad,
            "problem": verification.problem,
            "head_hash": verification.head_hash,
        }
    }
    yield json.dumps(head)[:-1] + ', "events": ['
    first = True
    for event in events.values(*EXPORT_FIELDS).iterator(chunk_size=5000):
        yield ("" if first else ",\n") + json.dumps(event, cls=DjangoJSONEncoder, sort_keys=True)
        first = False
    yield "]}\n"


@require_GET
@role_required(*OVERSEERS)
def trail_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered events, oldest first, with a verification made for this export."""
    if fmt not in ("csv", "json"):
        raise Http404
    form, events = _filtered(request)
    if form.is_bound and form.errors:
        return HttpResponse(
            _("The filters are not valid; correct them on the trail page."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    verification = trail_verification_run(actor=request.user)
    event_record(
        actor=request.user,
        action=OversightAction.TRAIL_EXPORTED,
        subject="trail",
        details={"format": fmt, "filters": request.GET.dict()},
    )
    events = events.order_by("position")
    rows = _csv_rows(verification, events) if fmt == "csv" else _json_rows(verification, events)
    content_type = "text/csv" if fmt == "csv" else "application/json"
    response = StreamingHttpResponse(rows, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="openpes-trail.{fmt}"'
    return response
