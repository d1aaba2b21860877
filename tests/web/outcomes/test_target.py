from __future__ import annotations

import datetime as dt

from openpes.web.outcomes.models import Outcome
from openpes.web.outcomes.selectors import support_needs_target
from tests.web.factories import JobSeekerFactory

TODAY = dt.date(2026, 12, 1)


def test_not_back_in_work_within_12_months(db):
    long_ago = TODAY - dt.timedelta(days=730)
    quick = JobSeekerFactory(reference="A", registered_on=long_ago)
    late = JobSeekerFactory(reference="B", registered_on=long_ago)
    waiting = JobSeekerFactory(reference="C", registered_on=long_ago)
    recent = JobSeekerFactory(reference="D", registered_on=TODAY - dt.timedelta(days=30))
    rows = [
        (quick, "still_registered", 30),
        (quick, "employed", 100),
        (late, "employed", 400),
        (waiting, "still_registered", 200),
        (waiting, "in_training", 250),
    ]
    for person, status, days in rows:
        Outcome.objects.create(
            jobseeker=person,
            status=status,
            observed_on=person.registered_on + dt.timedelta(days=days),
            source="backoffice",
        )
    target = dict(
        support_needs_target(as_of=TODAY).select("jobseeker_id", "not_employed_12m").iter_rows()
    )
    assert target == {"A": False, "B": True, "C": True, "D": None}
    assert support_needs_target(as_of=TODAY, people=[recent])["not_employed_12m"].to_list() == [
        None
    ]
