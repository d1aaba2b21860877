"""Demo data for `make run`: this organisation's assessments and 11 peers' shared scores."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from openpes import readiness as core
from openpes.web.readiness.models import Assessment, Organisation, Respondent, SharedScore
from openpes.web.readiness.selectors import DONT_KNOW

_GROUP_LABELS = {
    "leadership": "Leadership",
    "front_line": "Counsellor",
    "it_data": "IT and data",
    "data_protection": "Data protection officer",
}


def _store(
    organisation: Organisation, assessment: core.Assessment, *, title: str, when: datetime
) -> Assessment:
    stored = Assessment.objects.create(
        organisation=organisation,
        title=title,
        framework_id=assessment.framework_id,
        framework_version=assessment.framework_version,
        context=dict(assessment.context),
        created_at=when,
    )
    for respondent in assessment.respondents:
        Respondent.objects.create(
            assessment=stored,
            group=respondent.group,
            label=_GROUP_LABELS.get(respondent.group, respondent.group),
            answers={q: (DONT_KNOW if v is None else v) for q, v in respondent.answers.items()},
            step=len({core.load_framework().question(q).dimension_id for q in respondent.answers}),
            submitted_at=when,
        )
    return stored


@transaction.atomic
def readiness_demo_seed() -> int:
    """Seed 12 clearly fictional PES; idempotent. Returns the number of assessments created.

    The first, "PES of Northmarch (fictional)", is this installation's own organisation, with
    an assessment from last year and one from this year (to compare). The other 11 appear
    only as anonymous shared scores, as real peers would. With 12 contributors the benchmark
    shows a distribution, and the size-band grouping (6 and 6); the three regions of 4 stay
    hidden, which shows the k-anonymity rule at work.
    """
    organisations = core.demo_organisations()
    own = organisations[0]
    if Organisation.objects.filter(name=own.organisation).exists():
        return 0
    organisation = Organisation.objects.create(
        name=own.organisation, region=own.region or "", size_band=own.size_band or "", is_own=True
    )
    now = timezone.now()
    # Last year's round: the same organisation a step less mature, for the comparison page.
    earlier = dataclasses.replace(
        own,
        respondents=tuple(
            dataclasses.replace(
                r, answers={q: (None if v is None else max(0, v - 1)) for q, v in r.answers.items()}
            )
            for r in own.respondents
        ),
    )
    _store(organisation, earlier, title="AI readiness 2025", when=now - timedelta(days=365))
    _store(organisation, own, title="AI readiness 2026", when=now)
    month = now.strftime("%Y-%m")
    for assessment in organisations:
        result = core.share(
            core.score(assessment), region=assessment.region, size_band=assessment.size_band
        )
        SharedScore.objects.create(
            framework_id=result.framework_id,
            framework_version=result.framework_version,
            dimensions=dict(result.dimensions),
            overall=result.overall,
            region=result.region or "",
            size_band=result.size_band or "",
            shared_month=month,
        )
    Assessment.objects.filter(organisation=organisation, title="AI readiness 2026").update(
        shared_at=now
    )
    return 2
