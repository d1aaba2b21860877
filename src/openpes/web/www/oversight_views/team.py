"""The team lead's view of how their team decides: aggregated, small groups suppressed.

The page reads the team's human-decision records that the latest monitor run stored
(``openpes oversight run``, or "Run the monitors now" on the dashboard); it never computes a
monitor on page load.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import team_of_lead
from openpes.web.oversight.monitoring import record_document
from openpes.web.oversight.selectors import team_records


@require_GET
@role_required(Role.TEAM_LEAD)
def team_decisions(request: HttpRequest) -> HttpResponse:
    """The human-decision monitor for the lead's own team; it supports coaching, not sanctions."""
    team = team_of_lead(request.user)
    records = team_records(team=team.name) if team is not None else []
    language = get_language() or "en"
    # The lead does not write policies: groups and metrics in words, without their codes.
    documents = [
        d for d in (record_document(r, language, codes=False) for r in records) if d is not None
    ]
    return render(
        request,
        "oversight/team.html",
        {
            "team": team,
            "documents": documents,
            "run": records[0].run if records else None,
        },
    )
