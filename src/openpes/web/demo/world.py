"""Loading the demo's synthetic world into the caseload tables."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction

from openpes.errors import InputError
from openpes.files import atomic_path, remove_orphans, write_atomic
from openpes.synth import FRAMES, World, generate_world
from openpes.web.demo.names import fictional_name
from openpes.web.interchange.schema import Kind
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import synth_outcomes_as_records, validate_records

DEMO_SEED = 2026
DEMO_SIZE = {"n_jobseekers": 2000, "n_vacancies": 800, "n_trainings": 150}


def demo_world_dir(var_dir: Path) -> Path:
    return var_dir / "demo-world"


#: ``var/demo-manifest.json``: the SHA-256 of every file of each demo step, written after
#: the step's files. A step whose files are missing, extra or changed (a killed run, a
#: damaged disk) is not trusted and is made again; the manifest is how a re-run knows.
DEMO_MANIFEST = "demo-manifest.json"
#: Files each step must have, whatever the manifest says.
_REQUIRED = {
    "world": (*(f"{name}.parquet" for name in FRAMES), "ground_truth.json"),
    "catalogue": ("vacancies.parquet", "trainings.parquet"),
    "model": ("manifest.json", "model.json"),
}


def _step_dirs(var_dir: Path) -> dict[str, Path]:
    return {
        "world": demo_world_dir(var_dir),
        "catalogue": demo_catalogue_dir(var_dir),
        "model": demo_model_dir(var_dir),
    }


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }


def _manifest(var_dir: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((var_dir / DEMO_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _record(var_dir: Path, step: str) -> None:
    manifest = _manifest(var_dir)
    manifest[step] = _hashes(_step_dirs(var_dir)[step])
    write_atomic(var_dir / DEMO_MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def _intact(var_dir: Path, step: str) -> bool:
    folder = _step_dirs(var_dir)[step]
    expected = _manifest(var_dir).get(step)
    if not folder.is_dir() or not isinstance(expected, dict):
        return False
    return set(_REQUIRED[step]) <= set(expected) and _hashes(folder) == expected


def demo_files_problems(var_dir: Path) -> list[str]:
    """The demo steps whose files are broken (missing, changed or never finished).

    Empty when the demo's files are intact, or when the demo was never run here.
    """
    folders = _step_dirs(var_dir)
    if (
        not any(folder.exists() for folder in folders.values())
        and not (var_dir / DEMO_MANIFEST).exists()
    ):
        return []
    return [step for step in folders if not _intact(var_dir, step)]


def _fresh(folder: Path) -> Path:
    # A step made again starts from an empty folder: no file of a killed run survives.
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def demo_world(var_dir: Path) -> World:
    """The seeded demo world, generated once and kept as Parquet in ``var/``."""
    folder = demo_world_dir(var_dir)
    if _intact(var_dir, "world"):
        return World.read_parquet(folder)
    world = generate_world(**DEMO_SIZE, seed=DEMO_SEED)
    world.write_parquet(_fresh(folder))
    _record(var_dir, "world")
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


def demo_files_ensure(var_dir: Path, *, today: date) -> list[str]:
    """Make every demo file step whose files are not intact; return the steps made.

    Each step writes its files atomically, then records their SHA-256 in the manifest, so
    a run killed at any point is repaired by the next one.
    """
    for folder in _step_dirs(var_dir).values():
        remove_orphans(folder)
    remove_orphans(var_dir, DEMO_MANIFEST)
    made = []
    if not _intact(var_dir, "world"):
        demo_world(var_dir)
        made.append("world")
    if not _intact(var_dir, "catalogue"):
        _fresh(demo_catalogue_dir(var_dir))
        demo_catalogue_write(demo_world(var_dir), var_dir, today=today)
        _record(var_dir, "catalogue")
        made.append("catalogue")
    if not _intact(var_dir, "model"):
        _fresh(demo_model_dir(var_dir))
        demo_model_write(var_dir)
        _record(var_dir, "model")
        made.append("model")
    return made


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


_EMPLOYER_NAMES = ("Aalto", "Berzins", "Castell", "Dekker", "Eklund", "Fabre", "Garcia", "Hofmann",
                   "Ilves", "Janssens")  # fmt: skip
_EMPLOYER_FORMS = ("Logistics", "Care", "Works", "Services")


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
        # Fictional employers (proper names, the same in every language), 40 of them.
        employer=pl.format(
            "{} {}",
            pl.col("_i")
            .mod(len(_EMPLOYER_NAMES))
            .replace_strict(dict(enumerate(_EMPLOYER_NAMES)), return_dtype=pl.String),
            pl.col("_i")
            .floordiv(len(_EMPLOYER_NAMES))
            .mod(4)
            .replace_strict(dict(enumerate(_EMPLOYER_FORMS)), return_dtype=pl.String),
        ),
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
