"""Reads for readiness assessments, and their conversion to the analytics core's types."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Count, QuerySet

from openpes import readiness as core
from openpes.web.readiness.models import Assessment, Organisation, Respondent, SharedScore

DONT_KNOW = "dont_know"


def framework() -> core.Framework:
    """The framework new assessments use (the shipped one)."""
    return core.load_framework()


def own_organisation() -> Organisation | None:
    return Organisation.objects.filter(is_own=True).order_by("pk").first()


def assessment_list() -> QuerySet[Assessment]:
    """The assessments of this organisation, newest first, with their respondent counts.

    Each row has ``respondent_count``; respondents are prefetched for scoring.
    """
    return (
        Assessment.objects.filter(organisation__is_own=True)
        .select_related("organisation", "created_by")
        .annotate(respondent_count=Count("respondents"))
        .prefetch_related("respondents")
    )


def assessment_get(*, pk: int) -> Assessment | None:
    return Assessment.objects.select_related("organisation", "created_by").filter(pk=pk).first()


def respondent_get(*, assessment: Assessment, pk: int) -> Respondent | None:
    return assessment.respondents.filter(pk=pk).select_related("user").first()


def respondent_list(assessment: Assessment) -> QuerySet[Respondent]:
    """The assessment's respondents in the order they were invited, with who answers."""
    return assessment.respondents.all().select_related("user")


def assessment_to_core(assessment: Assessment) -> core.Assessment:
    """The assessment as the core sees it, migrated if it was saved against an older framework.

    Only respondents who saved at least one answer count: someone invited but not started yet
    would otherwise widen every interval to nearly 0-100.
    """
    data = {
        "format": "openpes.readiness.assessment",
        "format_version": 1,
        "framework": {"id": assessment.framework_id, "version": assessment.framework_version},
        "organisation": {
            "name": assessment.organisation.name,
            "region": assessment.organisation.region or None,
            "size_band": assessment.organisation.size_band or None,
            "share_scores": assessment.shared_at is not None,
        },
        "date": assessment.created_at.date().isoformat(),
        "context": assessment.context,
        "respondents": [
            {"id": f"r{r.pk}", "group": r.group, "answers": r.answers}
            for r in assessment.respondents.all()
            if r.answers
        ],
    }
    return core.from_json(json.dumps(data), framework=framework())


def assessment_result(assessment: Assessment) -> core.Result | None:
    """The scored assessment, or None while nobody has answered."""
    if not any(r.answers for r in assessment.respondents.all()):
        return None
    return core.score(assessment_to_core(assessment), framework=framework())


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same organisation's assessment before this one."""
    return (
        Assessment.objects.filter(
            organisation=assessment.organisation, created_at__lt=assessment.created_at
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def shared_results() -> list[core.SharedResult]:
    """Every anonymous shared score, as the core's benchmark takes them."""
    return [
        core.SharedResult(
            framework_id=s.framework_id,
            framework_version=s.framework_version,
            dimensions={str(k): float(v) for k, v in s.dimensions.items()},
            overall=s.overall,
            region=s.region or None,
            size_band=s.size_band or None,
        )
        for s in SharedScore.objects.all()
    ]


def step_answers(respondent: Respondent, dimension: core.Dimension) -> dict[str, Any]:
    """The saved answers of one step, as form initial values ("0"-"4" or "dont_know")."""
    return {
        q.id: str(respondent.answers[q.id])
        for q in dimension.questions
        if q.id in respondent.answers
    }
