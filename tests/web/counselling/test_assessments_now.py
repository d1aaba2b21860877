"""``assessments_now`` chooses, from one query, what the two single selectors choose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from openpes.web.counselling.models import SupportAssessment
from openpes.web.counselling.selectors import (
    assessments_now,
    latest_assessment,
    open_assessment,
)
from tests.web.factories import JobSeekerFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()

#: Histories as (started days ago, decided days ago or None for still open).
HISTORIES = {
    "none": [],
    "one open": [(3, None)],
    "one decided": [(9, 8)],
    "decided, then open": [(40, 38), (2, None)],
    "two decided, decided out of order": [(30, 1), (10, 5)],
    "two open and two decided": [(50, 49), (20, None), (12, 11), (4, None)],
}


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_the_open_and_the_latest_decided_agree_with_the_single_selectors(history):
    person = JobSeekerFactory(counsellor=UserFactory())
    for started, decided in history:
        made = SupportAssessment.objects.create(
            jobseeker=person,
            counsellor=person.counsellor,
            counsellor_band="high",
            final_band="" if decided is None else "medium",
            reason="" if decided is None else "Agreed with the job seeker",
            decided_at=None if decided is None else NOW - dt.timedelta(days=decided),
        )
        # started_at is set on insert; put it where the history says.
        SupportAssessment.objects.filter(pk=made.pk).update(
            started_at=NOW - dt.timedelta(days=started)
        )
    assert assessments_now(jobseeker=person) == (
        open_assessment(jobseeker=person),
        latest_assessment(jobseeker=person),
    )
    if history:
        assert assessments_now(jobseeker=person) != (None, None)
