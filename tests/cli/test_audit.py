"""``openpes audit`` on a Parquet export shaped like the synthetic world's decisions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
OPENPES = Path(sys.executable).parent / "openpes"
SCHEMA = json.loads((ROOT / "src/openpes/fairness/schema/audit.schema.json").read_text())
runner = CliRunner()


def _world(n: int, *, seed: int, bias: float) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    sex = rng.choice(["F", "M"], n)
    score = rng.beta(2, 3, n)
    origin = rng.choice(["EU", "non-EU", "national"], n, p=[0.2, 0.2, 0.6]).astype(object)
    origin[rng.random(n) < 0.05] = None
    return pl.DataFrame(
        {
            "person_id": np.arange(n),
            "found_work": (rng.random(n) < score).astype(np.int8),
            "high_need": (score + np.where(sex == "F", -bias, bias) > 0.45).astype(np.int8),
            "score": score,
            "sex": sex,
            "age_band": rng.choice(["<25", "25-49", "50+"], n, p=[0.25, 0.5, 0.25]),
            "origin": pl.Series(origin.tolist(), dtype=pl.String),
        }
    )


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "decisions.parquet"
    _world(5000, seed=1, bias=0.08).write_parquet(path)
    return path


@pytest.fixture(scope="module")
def fair_export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fair")
    for part in range(2):
        _world(20000, seed=10 + part, bias=0.0).write_csv(folder / f"part-{part}.csv")
    return folder


def _args(path: Path, *extra: str) -> list[str]:
    return [
        "audit",
        str(path),
        "--label",
        "found_work",
        "--prediction",
        "high_need",
        "--sensitive",
        "sex,age_band,origin",
        *extra,
    ]


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "csv"])
def test_all_four_formats(export, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app,
        _args(
            export,
            "--score",
            "score",
            "--intersections",
            "2",
            "--format",
            fmt,
            "--output",
            str(out),
        ),
    )
    assert result.exit_code == 1, result.output  # the export is biased on purpose
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        document = json.loads(text)
        jsonschema.validate(document, SCHEMA)
        assert document["n"] == 5000 and document["verdict"] == "fail"
        assert any(g["attributes"] == {"origin": "(missing)"} for g in document["groups"])
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    elif fmt == "markdown":
        assert text.startswith("# Fairness audit")
    else:
        table = pl.read_csv(out)
        assert {"grouping", "group", "metric", "value", "verdict"} <= set(table.columns)
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_json_to_stdout_matches_python_api(export):
    from openpes.fairness import audit, to_dict

    result = runner.invoke(app, _args(export, "--reference", "sex=M", "--min-group-size", "50"))
    document = json.loads(result.stdout)
    expected = to_dict(
        audit(
            pl.read_parquet(export),
            label="found_work",
            prediction="high_need",
            sensitive=["sex", "age_band", "origin"],
            reference={"sex": "M"},
            min_group_size=50,
        )
    )
    assert document == json.loads(json.dumps(expected))


def test_glob_of_csv_files_that_pass(fair_export, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("[metrics.selection_rate]\nratio = [0.8, 1.25]\n")
    result = runner.invoke(
        app,
        [
            "audit",
            str(fair_export / "part-*.csv"),
            "--label",
            "found_work",
            "--prediction",
            "high_need",
            "--sensitive",
            "sex",
            "--policy",
            str(policy),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 40000


def test_html_in_french(export, tmp_path):
    out = tmp_path / "rapport.html"
    runner.invoke(app, _args(export, "--format", "html", "--language", "fr", "--output", str(out)))
    text = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Audit d’équité" in text


@pytest.mark.parametrize(
    "extra",
    [
        ["--format", "pdf"],
        ["--engine", "dask"],
        ["--reference", "sex"],
        ["--language", "it"],
    ],
)
def test_bad_options_raise_input_error(export, extra):
    result = runner.invoke(app, _args(export, *extra))
    assert isinstance(result.exception, InputError)


def test_subprocess_exit_codes(export, tmp_path):
    ok = subprocess.run(
        [str(OPENPES), *_args(export, "--format", "markdown", "--output", str(tmp_path / "r.md"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 1 and (tmp_path / "r.md").exists()
    bad = subprocess.run(
        [
            str(OPENPES),
            "audit",
            str(tmp_path / "missing-*.parquet"),
            "--label",
            "x",
            "--prediction",
            "y",
            "--sensitive",
            "z",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    message = " ".join(bad.stderr.split())  # Rich wraps long lines
    assert "no file matches" in message and "Traceback" not in message
    wrong = subprocess.run(
        [
            str(OPENPES),
            "audit",
            str(export),
            "--label",
            "sex",
            "--prediction",
            "high_need",
            "--sensitive",
            "age_band",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    message = " ".join(wrong.stderr.split())
    assert wrong.returncode == 2 and "'sex'" in message and "5000 rows" in message


def _french_error(tmp_path: Path, *args: str) -> str:
    """What ``openpes ... --language fr`` prints on standard error (exit code 2)."""
    run = subprocess.run(
        [str(OPENPES), *args, "--language", "fr"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "OPENPES_LANGUAGE": "", "LC_ALL": "", "LANG": "C"},
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    return " ".join(run.stderr.split())


def test_missing_file_error_is_printed_in_french(tmp_path):
    message = _french_error(
        tmp_path, "audit", "missing.csv", "--label", "x", "--prediction", "y", "--sensitive", "z"
    )
    assert "fichier missing.csv" in message and "aucun fichier ne correspond" in message
    assert "no file matches" not in message


@pytest.mark.parametrize(
    ("extra", "french"),
    [
        (["--intersections", "0"], "intersections doit être un entier positif, reçu 0"),
        (["--min-group-size", "0"], "min_group_size doit être un entier positif, reçu 0"),
        (["--policy", "nope.toml"], "fichier de politique introuvable"),
        (["--label", "nope"], "colonne label introuvable"),
        (["--reference", "sex"], "--reference attend ATTR=VALEUR"),
    ],
)
def test_errors_of_the_options_and_the_core_are_french(export, tmp_path, extra, french):
    # Typer's own checks would print English: the audit command leaves them to our messages.
    assert french in _french_error(tmp_path, *_args(export, *extra))


def test_raised_error_translates_itself(tmp_path):
    from openpes.cli._audit import _read

    with pytest.raises(InputError) as info:
        _read(str(tmp_path / "missing-*.parquet"), "polars")
    assert info.value.translate("de").endswith(": keine Datei passt zu diesem Pfad")
    assert str(info.value).endswith(": no file matches this path")


def test_the_printed_verdict_is_in_the_report_language(export, tmp_path):
    out = tmp_path / "rapport.html"
    result = runner.invoke(
        app, _args(export, "--format", "html", "--language", "fr", "--output", str(out))
    )
    assert result.exit_code == 1, result.output
    assert "Verdict : non conforme" in result.output, result.output
