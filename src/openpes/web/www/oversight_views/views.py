from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.trail.enums import Action
from openpes.web.trail.selectors import event_list, trail_verify


@role_required(Role.OVERSIGHT, Role.ADMIN)
def oversight_home(request: HttpRequest) -> HttpResponse:
    """The audit trail, its integrity and a filterable list of events."""
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "").strip()
    page = Paginator(event_list(action=action, actor=actor), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "oversight/home.html",
        {
            "report": trail_verify(),
            "page": page,
            "actions": Action.choices,
            "action": action,
            "actor": actor,
            "action_labels": dict(Action.choices),
        },
    )
