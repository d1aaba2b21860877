"""Demo data for `make run`: this organisation's assessments and 11 peers' shared scores.

Everything goes through the services, as a real round would: the trail records each
step (by "system"), and the demo cannot drift from what the pages write.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from openpes import readiness as core
from openpes.web.readiness.models import Assessment, Organisation
from openpes.web.readiness.selectors import DONT_KNOW, framework
from openpes.web.readiness.services import (
    assessment_share,
    assessment_start,
    respondent_answers_save,
    respondent_invite,
    shared_score_record,
)

_GROUP_LABELS = {
    "leadership": "Leadership",
    "front_line": "Counsellor",
    "it_data": "IT and data",
    "data_protection": "Data protection officer",
}


def _store(assessment: core.Assessment, *, title: str, when: datetime) -> Assessment:
    stored = assessment_start(
        actor=None,
        title=title,
        organisation_name=assessment.organisation,
        region=assessment.region or "",
        size_band=assessment.size_band or "",
        context=dict(assessment.context),
        started_at=when,
    )
    fw = framework()
    for respondent in assessment.respondents:
        slot = respondent_invite(
            actor=None,
            assessment=stored,
            group=respondent.group,
            label=_GROUP_LABELS.get(respondent.group, respondent.group),
        )
        respondent_answers_save(
            actor=None,
            respondent=slot,
            answers={q: (DONT_KNOW if v is None else v) for q, v in respondent.answers.items()},
            step=len({fw.question(q).dimension_id for q in respondent.answers}),
            submit=True,
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
    own, peers = organisations[0], organisations[1:]
    if Organisation.objects.filter(name=own.organisation).exists():
        return 0
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
    _store(earlier, title="AI readiness 2025", when=now - timedelta(days=365))
    current = _store(own, title="AI readiness 2026", when=now)
    assessment_share(actor=None, assessment=current)
    for assessment in peers:
        shared = core.share(
            core.score(assessment), region=assessment.region, size_band=assessment.size_band
        )
        shared_score_record(shared=shared, when=now)
    return 2
