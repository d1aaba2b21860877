"""Loading the demo's synthetic world into the caseload tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction

from openpes.files import atomic_path
from openpes.synth import World, generate_world
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import (
    JobSeeker,
    JobSeekerSkill,
    ProtectedAttributes,
    WorkExperience,
)
from openpes.web.demo.names import fictional_name

DEMO_SEED = 2026
DEMO_SIZE = {"n_jobseekers": 2000, "n_vacancies": 800, "n_trainings": 150}


def demo_world_dir(var_dir: Path) -> Path:
    return var_dir / "demo-world"


def demo_world(var_dir: Path) -> World:
    """The seeded demo world, generated once and kept as Parquet in ``var/``."""
    folder = demo_world_dir(var_dir)
    if (folder / "jobseekers.parquet").exists():
        return World.read_parquet(folder)
    world = generate_world(**DEMO_SIZE, seed=DEMO_SEED)
    world.write_parquet(folder)
    return world


@transaction.atomic
def caseload_load(world: World, counsellors: Sequence[Any], *, today: date | None = None) -> int:
    """Create one JobSeeker per synthetic person, spread round-robin over the counsellors.

    With ``today``, registration dates move so that the newest registration is a week old,
    keeping their spread: a demo caseload should look current, not two years old.
    """
    people = world.jobseekers.sort("jobseeker_id").to_dicts()
    shift = timedelta(0)
    if today is not None and people:
        shift = today - timedelta(days=7) - max(p["registered_on"] for p in people)
    protected = {row["jobseeker_id"]: row for row in world.protected.to_dicts()}
    records = []
    for index, person in enumerate(people):
        first, last = fictional_name(index)
        records.append(
            JobSeeker(
                reference=person["jobseeker_id"],
                first_name=first,
                last_name=last,
                counsellor=counsellors[index % len(counsellors)],
                isced=person["isced"],
                region=person["region"],
                lat=person["lat"],
                lon=person["lon"],
                registered_on=person["registered_on"] + shift,
                region_unemployment_rate=person["region_unemployment_rate"],
                previous_spells=person["previous_spells"],
                previous_unemployment_days=person["previous_unemployment_days"],
                languages=person["languages"],
                driving_licence=person["driving_licence"],
                care_duties=person["care_duties"],
                health_limitation=person["health_limitation"],
                preferred_occupations=person["preferred_occupations"],
                max_distance_km=person["max_distance_km"],
                preferred_hours=person["preferred_hours"],
                preferred_contract=person["preferred_contract"],
            )
        )
    JobSeeker.objects.bulk_create(records, batch_size=500)
    ids = dict(JobSeeker.objects.values_list("reference", "pk"))
    skills, experience, attributes = [], [], []
    for person in people:
        pk = ids[person["jobseeker_id"]]
        skills += [
            JobSeekerSkill(jobseeker_id=pk, skill_uri=uri, source=SkillSource.REGISTRATION)
            for uri in dict.fromkeys(person["skills"])
        ]
        experience += [
            WorkExperience(jobseeker_id=pk, occupation_uri=uri, years=years)
            for uri, years in zip(
                person["past_occupations"], person["experience_years"], strict=True
            )
        ]
        p = protected[person["jobseeker_id"]]
        attributes.append(
            ProtectedAttributes(
                jobseeker_id=pk,
                sex=p["sex"],
                age=p["age"],
                origin=p["origin"],
                disability=p["disability"],
            )
        )
    JobSeekerSkill.objects.bulk_create(skills, batch_size=2000)
    WorkExperience.objects.bulk_create(experience, batch_size=2000)
    ProtectedAttributes.objects.bulk_create(attributes, batch_size=2000)
    return len(records)


def demo_catalogue_dir(var_dir: Path) -> Path:
    return var_dir / "demo-catalogue"


def demo_catalogue_write(world: World, var_dir: Path, *, today: date) -> Path:
    """The vacancy board and training offer of the demo, dated around ``today``.

    The synthetic world spreads postings over two years, so on any one day only a few of
    its vacancies are open. A demo board should look like a live one: every vacancy keeps
    its content and its advertised duration, but is re-dated to have been posted in the
    last four weeks and to close at least a week from now; training sessions move so
    that the first one starts next week.
    """
    folder = demo_catalogue_dir(var_dir)
    folder.mkdir(parents=True, exist_ok=True)
    vacancies = world.vacancies.with_row_index("_i").with_columns(
        posted_on=pl.lit(today) - pl.duration(days=pl.col("_i") % 28),
    )
    vacancies = vacancies.with_columns(
        closes_on=pl.max_horizontal(
            pl.col("posted_on") + (world.vacancies["closes_on"] - world.vacancies["posted_on"]),
            pl.lit(today + timedelta(days=7)),
        )
    ).drop("_i")
    first_start = world.trainings["start_dates"].explode().min()
    shift = timedelta(days=(today - first_start).days + 7)
    trainings = world.trainings.with_columns(pl.col("start_dates").list.eval(pl.element() + shift))
    for name, frame in (("vacancies", vacancies), ("trainings", trainings)):
        with atomic_path(folder / f"{name}.parquet") as tmp:
            frame.write_parquet(tmp)
    return folder


def demo_model_dir(var_dir: Path) -> Path:
    return var_dir / "demo-model"


def demo_model_write(var_dir: Path) -> Path:
    """Train the demo support-needs model on an earlier cohort, never with protected features.

    The cohort is a separate seeded world, so the caseload the demo shows was not part of
    the training data, as it would be with a real model trained on past registrations.
    """
    from openpes.profiling import save_model, train_demo_model

    cohort = generate_world(20_000, 200, 10, seed=DEMO_SEED + 1)
    folder = demo_model_dir(var_dir)
    save_model(train_demo_model(cohort), folder)
    return folder
