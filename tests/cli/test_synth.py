"""``openpes synth``: Parquet out, identical bytes for the same seed, clean errors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from openpes.cli import app
from openpes.synth import World

OPENPES = Path(sys.executable).parent / "openpes"
FILES = [
    "ground_truth.json",
    "jobseekers.parquet",
    "outcomes.parquet",
    "protected.parquet",
    "trainings.parquet",
    "vacancies.parquet",
]


def _args(out: Path, seed: int = 7) -> list[str]:
    return [
        "synth",
        "--jobseekers",
        "300",
        "--vacancies",
        "120",
        "--trainings",
        "20",
        "--seed",
        str(seed),
        "--out",
        str(out),
    ]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_writes_a_world_that_reads_back(tmp_path):
    result = CliRunner().invoke(app, _args(tmp_path / "w"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "w").iterdir()) == FILES
    world = World.read_parquet(tmp_path / "w")
    assert world.jobseekers.height == 300 and world.vacancies.height == 120
    assert world.ground_truth["seed"] == 7
    assert "jobseekers.parquet" in result.output


def test_bias_none_and_french_messages(tmp_path):
    result = CliRunner().invoke(app, [*_args(tmp_path / "w"), "--bias", "none", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "Monde synthétique écrit dans" in result.output
    world = World.read_parquet(tmp_path / "w")
    assert world.ground_truth["bias"]["label_bias"] == 0.0


def test_two_runs_with_one_seed_give_identical_bytes(tmp_path):
    # The second run uses one Polars thread: the bytes must not depend on threads either.
    for name, threads in (("a", "2"), ("b", "1")):
        done = subprocess.run(
            [str(OPENPES), *_args(tmp_path / name, 7)],
            capture_output=True,
            text=True,
            env={**os.environ, "POLARS_MAX_THREADS": threads},
        )
        assert done.returncode == 0, done.stderr
    other = CliRunner().invoke(app, _args(tmp_path / "c", 8))
    assert other.exit_code == 0, other.output
    first, second, third = (_digests(tmp_path / name) for name in "abc")
    assert list(first) == FILES
    assert first == second
    assert all(first[name] != third[name] for name in FILES)


def test_bad_options_give_a_clean_error(tmp_path):
    done = subprocess.run(
        [str(OPENPES), *_args(tmp_path / "w"), "--bias", "strong"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "--bias must be one of default, none" in done.stderr
    assert "Traceback" not in done.stderr
    result = CliRunner().invoke(app, [*_args(tmp_path / "w")[:-4], "--seed", "-1", "--out", "x"])
    assert result.exit_code == 2
