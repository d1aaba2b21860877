"""The team lead's view of how their team decides: aggregated, small groups suppressed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from openpes import oversight
from openpes.errors import OpenPESError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import team_of_lead
from openpes.web.oversight.documents import document_to_dict
from openpes.web.oversight.monitoring import monitors_compute, windows
from openpes.web.oversight.perms import sees_small_groups

PERIODS = (30, 90, 180)


@require_GET
@role_required(Role.TEAM_LEAD)
def team_decisions(request: HttpRequest) -> HttpResponse:
    """The human-decision monitor for the lead's own team; it supports coaching, not sanctions."""
    team = team_of_lead(request.user)
    try:
        period = int(request.GET.get("period", "90"))
    except ValueError:
        period = 90
    period = period if period in PERIODS else 90
    documents, problem = [], ""
    if team is not None:
        reference_start, reference_end, period_start, period_end = windows(timezone.now(), period)
        try:
            result = monitors_compute(
                period_start=period_start,
                period_end=period_end,
                reference_start=reference_start,
                reference_end=reference_end,
                team=team.name,
                # Below 10 people a figure is suppressed for everyone but the oversight role.
                reveal_small_groups=sees_small_groups(request.user),
            )
        except OpenPESError as exc:
            problem = exc.translate(get_language() or "en")
        else:
            documents = [
                document_to_dict(
                    oversight.oversight_document(
                        result, language=get_language() or "en", monitor="human_decisions"
                    )
                )
            ]
    return render(
        request,
        "oversight/team.html",
        {
            "team": team,
            "documents": documents,
            "period": period,
            "periods": PERIODS,
            "problem": problem,
        },
    )
