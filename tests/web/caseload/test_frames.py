from __future__ import annotations

import polars as pl

from openpes.synth import generate_world
from openpes.web.accounts.enums import Role
from openpes.web.caseload.frames import JOBSEEKER_COLUMNS, jobseekers_frame
from openpes.web.caseload.models import JobSeeker
from openpes.web.demo.world import caseload_load


def test_database_round_trip_gives_back_the_synthetic_rows(make_user):
    world = generate_world(40, 20, 5, seed=7)
    caseload_load(world, [make_user(Role.COUNSELLOR)])
    people = JobSeeker.objects.prefetch_related("skills", "experience").order_by("reference")
    frame = jobseekers_frame(people)
    original = world.jobseekers.sort("jobseeker_id").select(list(JOBSEEKER_COLUMNS))
    original = original.with_columns(pl.col("skills").list.unique().list.sort())
    assert frame.schema == original.schema
    assert frame.drop("past_occupations", "experience_years").equals(
        original.drop("past_occupations", "experience_years")
    )
    # Work history comes back longest first, so compare it as sets of (occupation, years).
    for mine, theirs in zip(
        frame.iter_rows(named=True), original.iter_rows(named=True), strict=True
    ):
        assert sorted(
            zip(mine["past_occupations"], mine["experience_years"], strict=True)
        ) == sorted(zip(theirs["past_occupations"], theirs["experience_years"], strict=True))
