from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from openpes.web.accounts.models import Team
from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
from openpes.web.demo.seed import DEMO_LOGINS, demo_seed
from openpes.web.readiness.models import SharedScore
from openpes.web.trail.selectors import trail_verify


@pytest.mark.slow
def test_demo_seed_builds_the_caseload_once(db, tmp_path):
    first = demo_seed(var_dir=tmp_path)
    assert first.created_jobseekers == 2000
    assert Team.objects.count() == 3
    assert all(
        team.lead is not None and team.memberships.count() == 4 for team in Team.objects.all()
    )
    counsellors = get_user_model().objects.filter(groups__name="counsellor")
    assert counsellors.count() == 12
    sizes = [JobSeeker.objects.filter(counsellor=c).count() for c in counsellors]
    assert min(sizes) >= 2000 // 12 and sum(sizes) == 2000
    assert ProtectedAttributes.objects.count() == 2000
    demo_person = JobSeeker.objects.get(user__username="jobseeker")
    assert demo_person.counsellor.username == "counsellor"
    assert {name for name, *_ in DEMO_LOGINS} <= set(
        get_user_model().objects.values_list("username", flat=True)
    )
    users_before = get_user_model().objects.count()
    assert first.created_assessments == 2, "this year's and last year's, to compare"
    assert SharedScore.objects.count() >= 12, "12 fictional PES so that the benchmark shows data"
    assert (tmp_path / "demo-model" / "manifest.json").exists()
    again = demo_seed(var_dir=tmp_path)
    assert (again.created_users, again.created_teams, again.created_jobseekers) == (0, 0, 0)
    assert again.created_assessments == 0
    assert get_user_model().objects.count() == users_before and JobSeeker.objects.count() == 2000
    assert trail_verify().intact
