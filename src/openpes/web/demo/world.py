"""Loading the demo's synthetic world into the caseload tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction

from openpes.errors import InputError
from openpes.files import atomic_path
from openpes.synth import World, generate_world
from openpes.web.demo.names import fictional_name
from openpes.web.interchange.schema import Kind
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import synth_outcomes_as_records, validate_records

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


def _import(kind: Kind, frame: pl.DataFrame, *, source: str = "demo") -> int:
    """Load records through the same path as ``openpes import``: validate all, then apply."""
    records, problems = validate_records(kind, frame, file=f"demo {kind}")
    if problems:
        raise InputError(
            f"{problems[0].column}: {problems[0].value!r}: {problems[0].expected}",
            row=problems[0].row,
        )
    return records_apply(kind, records, actor=None, source=source, channel="demo").created


@transaction.atomic
def caseload_load(world: World, counsellors: Sequence[Any], *, today: date | None = None) -> int:
    """Create one JobSeeker per synthetic person, spread round-robin over the counsellors.

    With ``today``, registration dates move so that the newest registration is a week old,
    keeping their spread: a demo caseload should look current, not two years old. The
    people, their protected attributes and their outcomes go through the import path.
    """
    people = world.jobseekers.sort("jobseeker_id")
    shift = timedelta(0)
    if today is not None and people.height:
        shift = today - timedelta(days=7) - people["registered_on"].max()  # type: ignore[operator]
    names = [fictional_name(index) for index in range(people.height)]
    usernames = [c.get_username() for c in counsellors]
    people = people.with_columns(
        registered_on=pl.col("registered_on") + shift,
        first_name=pl.Series([n[0] for n in names], dtype=pl.String),
        last_name=pl.Series([n[1] for n in names], dtype=pl.String),
        counsellor=pl.Series(
            [usernames[i % len(usernames)] for i in range(people.height)], dtype=pl.String
        ),
    )
    created = _import("jobseekers", people)
    _import("protected", world.protected)
    return created


def outcomes_load(world: World, *, today: date) -> int:
    """The demo people's outcomes known by ``today``, dated from their (re-dated) registration."""
    records = synth_outcomes_as_records(world.outcomes)
    return _import("outcomes", records.filter(pl.col("observed_on") <= today))


def catalogue_load(world: World, *, today: date) -> int:
    """The demo's vacancy board and training offer, into the catalogue tables."""
    vacancies, trainings = demo_catalogue(world, today=today)
    return _import("vacancies", vacancies) + _import("trainings", trainings)


def demo_catalogue_dir(var_dir: Path) -> Path:
    return var_dir / "demo-catalogue"


def demo_catalogue(world: World, *, today: date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The vacancy board and training offer of the demo, dated around ``today``.

    The synthetic world spreads postings over two years, so on any one day only a few of
    its vacancies are open. A demo board should look like a live one: every vacancy keeps
    its content and its advertised duration, but is re-dated to have been posted in the
    last four weeks and to close at least a week from now; training sessions move so
    that the first one starts next week.
    """
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
    shift = timedelta(days=(today - first_start).days + 7)  # type: ignore[operator]
    trainings = world.trainings.with_columns(pl.col("start_dates").list.eval(pl.element() + shift))
    return vacancies, trainings


def demo_catalogue_write(world: World, var_dir: Path, *, today: date) -> Path:
    """:func:`demo_catalogue` as Parquet files, in the schema ``openpes import`` reads."""
    folder = demo_catalogue_dir(var_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in zip(
        ("vacancies", "trainings"), demo_catalogue(world, today=today), strict=True
    ):
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
