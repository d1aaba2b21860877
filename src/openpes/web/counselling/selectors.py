"""Reads of counselling decisions."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count, QuerySet

from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.models import (
    ReviewRequest,
    ShownSuggestion,
    SuggestionDecision,
    SupportAssessment,
    VacancyAction,
)


def decisions_for(*, jobseeker: JobSeeker) -> dict[tuple[str, str], SuggestionDecision]:
    """The latest decision on each suggested item, keyed by (kind, id)."""
    latest: dict[tuple[str, str], SuggestionDecision] = {}
    for decision in SuggestionDecision.objects.filter(jobseeker=jobseeker).order_by("decided_at"):
        latest[(decision.item_kind, decision.item_id)] = decision
    return latest


#: A shown suggestion's id as a form posts it: ASCII digits only, and no longer than a
#: database id ("²" is a digit to ``str.isdigit``; ``int`` of 5,000 digits is refused).
_SHOWN_ID = re.compile(r"[0-9]{1,18}", re.ASCII)


def shown_item_of(*, viewer: Any, jobseeker: JobSeeker, shown_id: object) -> str | None:
    """The item of the suggestion ``shown_id`` names, if it was shown to ``viewer`` for
    ``jobseeker``; ``None`` for any other id (someone else's, another person's, made up)."""
    text = "" if shown_id is None else str(shown_id)
    if _SHOWN_ID.fullmatch(text) is None:
        return None
    return (
        ShownSuggestion.objects.filter(
            pk=int(text),
            suggestion_set__jobseeker=jobseeker,
            suggestion_set__shown_to_id=getattr(viewer, "pk", None),
        )
        .values_list("item_id", flat=True)
        .first()
    )


def open_assessment(*, jobseeker: JobSeeker) -> SupportAssessment | None:
    return (
        SupportAssessment.objects.filter(jobseeker=jobseeker, final_band="")
        .order_by("-started_at")
        .first()
    )


def latest_assessment(*, jobseeker: JobSeeker) -> SupportAssessment | None:
    return (
        SupportAssessment.objects.filter(jobseeker=jobseeker)
        .exclude(final_band="")
        .order_by("-decided_at")
        .first()
    )


def assessments_now(
    *, jobseeker: JobSeeker
) -> tuple[SupportAssessment | None, SupportAssessment | None]:
    """``(open_assessment, latest_assessment)`` in one query, for the counsellor's page.

    A person has a handful of assessments in a lifetime of casework, so reading them all and
    choosing in Python costs less than a second compiled query.
    """
    every = list(SupportAssessment.objects.filter(jobseeker=jobseeker).order_by("-started_at"))
    current = next((a for a in every if not a.final_band), None)
    decided = [a for a in every if a.final_band and a.decided_at is not None]
    latest = max(decided, key=lambda a: a.decided_at, default=None)
    return current, latest


def review_requests(*, jobseeker: JobSeeker) -> QuerySet[ReviewRequest]:
    return ReviewRequest.objects.filter(jobseeker=jobseeker).order_by("-created_at")


def vacancy_responses_for(*, jobseeker: JobSeeker) -> dict[str, VacancyAction]:
    """The latest response of the job seeker to each vacancy, keyed by vacancy id."""
    latest: dict[str, VacancyAction] = {}
    for action in VacancyAction.objects.filter(jobseeker=jobseeker).order_by("recorded_at"):
        latest[action.vacancy_id] = action
    return latest


def vacancy_outcomes() -> list[dict[str, object]]:
    """Counts of responses per vacancy, for the matching monitors (no personal data)."""
    rows = (
        VacancyAction.objects.values("vacancy_id", "response")
        .annotate(n=Count("pk"))
        .order_by("vacancy_id", "response")
    )
    return [dict(r) for r in rows]
