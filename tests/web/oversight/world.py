"""A population of job seekers with protected attributes, shared with the browser tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import numpy as np
from django.utils import timezone

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.caseload.models import JobSeeker, ProtectedAttributes


def population_create(make_user: Callable, *, n: int = 1500, seed: int = 7) -> list:
    """``n`` job seekers in two teams with independently drawn protected attributes."""
    rng = np.random.default_rng(seed)
    counsellors = []
    for index, name in enumerate(("North", "South")):
        team = team_create(name=name, lead=make_user(Role.TEAM_LEAD))
        for _ in range(3):
            member = make_user(Role.COUNSELLOR, email=f"c{index}{len(counsellors)}@example.org")
            team_member_add(team=team, user=member)
            counsellors.append(member)
    today = timezone.localdate()
    people = JobSeeker.objects.bulk_create(
        JobSeeker(
            reference=f"JS-P{i:06d}",
            first_name="Test",
            last_name=f"Person {i}",
            counsellor=counsellors[i % len(counsellors)],
            isced=int(rng.integers(1, 7)),
            region=str(rng.choice(["North", "Centre", "South"])),
            lat=50.8,
            lon=4.35,
            registered_on=today - timedelta(days=int(rng.integers(0, 60))),
        )
        for i in range(n)
    )
    ProtectedAttributes.objects.bulk_create(
        ProtectedAttributes(
            jobseeker=person,
            sex=str(rng.choice(["female", "male"])),
            age=int(rng.integers(18, 65)),
            origin=str(rng.choice(["national", "eu", "non_eu"], p=[0.6, 0.2, 0.2])),
            disability=bool(rng.uniform() < 0.1),
        )
        for person in people
    )
    return counsellors
