"""``openpes profile train|score|card`` on ``openpes synth`` output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.errors import InputError, IntegrityError
from openpes.profiling import features_from_world, load_model, model_card
from openpes.synth import generate_world

RUNNER = CliRunner()
OPENPES = Path(sys.executable).parent / "openpes"


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    generate_world(3000, 20, 2, seed=8).write_parquet(folder)
    return folder


@pytest.fixture(scope="module")
def model_dir(world_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model")
    result = RUNNER.invoke(
        app,
        [
            "profile",
            "train",
            "--data",
            str(world_dir),
            "--target",
            "not_employed_12m",
            "--time-column",
            "registered_on",
            "--model",
            "scorecard",
            "--out",
            str(out),
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "SHA-256" in result.output and "AUC" in result.output
    assert "glass box" in result.output
    return out


def test_train_saves_a_model_without_protected_features(model_dir: Path) -> None:
    model = load_model(model_dir)
    assert model.kind == "scorecard"
    assert set(model.protected) == {"sex", "age", "age_band", "origin", "disability"}
    assert not set(model.features) & set(model.protected)
    assert model.report.split.method == "temporal"


def test_score_matches_the_python_api(model_dir: Path, world_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.parquet"
    result = RUNNER.invoke(
        app,
        [
            "profile",
            "score",
            "--model",
            str(model_dir),
            "--data",
            str(world_dir),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    scores = pl.read_parquet(out)
    model = load_model(model_dir)
    features = features_from_world(pl.read_parquet(world_dir / "jobseekers.parquet"))
    assert scores["jobseeker_id"].to_list() == features["jobseeker_id"].to_list()
    np.testing.assert_allclose(scores["probability"].to_numpy(), model.predict_proba(features))
    assert (
        scores["band"].cast(pl.String).to_list() == model.bands(features).cast(pl.String).to_list()
    )
    assert (scores["interval_low"] <= scores["probability"]).all()


@pytest.mark.parametrize(
    ("fmt", "card_format"), [("md", "markdown"), ("html", "html"), ("json", "json")]
)
@pytest.mark.parametrize("lang", ["en", "fr", "de", "nl", "es"])
def test_card_in_every_format_and_language(
    model_dir: Path, fmt: str, card_format: str, lang: str
) -> None:
    result = RUNNER.invoke(
        app, ["profile", "card", "--model", str(model_dir), "--format", fmt, "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    expected = model_card(load_model(model_dir), format=card_format, language=lang)  # type: ignore[arg-type]
    assert result.output == expected
    if fmt == "json":
        assert json.loads(result.output)["language"] == lang


def test_card_to_a_file(model_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.html"
    result = RUNNER.invoke(
        app, ["profile", "card", "--model", str(model_dir), "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_bad_input_raises_clear_errors(world_dir: Path, tmp_path: Path) -> None:
    result = RUNNER.invoke(
        app,
        ["profile", "train", "--data", str(world_dir), "--target", "nope", "--out", str(tmp_path)],
    )
    assert isinstance(result.exception, InputError) and "nope" in str(result.exception)
    result = RUNNER.invoke(app, ["profile", "card", "--model", str(tmp_path), "--lang", "xx"])
    assert isinstance(result.exception, InputError)


@pytest.mark.slow
def test_round_trip_through_the_installed_command(tmp_path: Path) -> None:
    world, model, scores = tmp_path / "world", tmp_path / "model", tmp_path / "scores.csv"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(OPENPES), *args], capture_output=True, text=True, timeout=300)

    assert (
        run(
            "synth",
            "--jobseekers",
            "1500",
            "--vacancies",
            "10",
            "--trainings",
            "2",
            "--seed",
            "3",
            "--out",
            str(world),
        ).returncode
        == 0
    )
    trained = run(
        "profile",
        "train",
        "--data",
        str(world),
        "--target",
        "not_employed_12m",
        "--model",
        "scorecard",
        "--out",
        str(model),
    )
    assert trained.returncode == 0, trained.stderr
    assert (
        run(
            "profile", "score", "--model", str(model), "--data", str(world), "--out", str(scores)
        ).returncode
        == 0
    )
    assert pl.read_csv(scores).height == 1500
    card = run("profile", "card", "--model", str(model), "--format", "md", "--lang", "es")
    assert card.returncode == 0 and card.stdout.startswith("# Ficha del modelo")
    # A tampered model is refused with a clear message and exit code 2.
    data = bytearray((model / "model.json").read_bytes())
    data[100] ^= 1
    (model / "model.json").write_bytes(bytes(data))
    refused = run("profile", "card", "--model", str(model))
    assert refused.returncode == 2
    assert "altered" in refused.stderr and "Traceback" not in refused.stderr
    with pytest.raises(IntegrityError):
        load_model(model)


def _people_csv(path: Path, *, typo: bool = False) -> Path:
    """400 people: sex and age drive the outcome, as they would in biased history."""
    rng = np.random.default_rng(4)
    n = 400
    age = rng.integers(18, 65, n)
    sex = rng.choice(["f", "m"], n)
    months = rng.integers(0, 36, n)
    y = (age / 65 + (sex == "f") * 0.3 + rng.random(n) * 0.5 > 0.9).astype(int)
    frame = pl.DataFrame({"sex": sex, "age": age, "months_unemployed": months, "y": y})
    if typo:
        frame = frame.with_columns(pl.col("months_unemployed").cast(pl.String))
        frame[7, "months_unemployed"] = "n/a"
    frame.write_csv(path)
    return path


def _train_csv(data: Path, out: Path, *options: str):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(
        app,
        ["profile", "train", "--data", str(data), "--target", "y", "--model", "scorecard"]
        + ["--out", str(out), *options],
        env={"COLUMNS": "200"},
    )


def test_protected_columns_are_refused_by_default(tmp_path: Path) -> None:
    result = _train_csv(_people_csv(tmp_path / "people.csv"), tmp_path / "model")
    assert isinstance(result.exception, InputError)
    assert result.exception.column == "sex" and "--protected" in str(result.exception)
    assert not (tmp_path / "model").exists()


def test_declared_protected_columns_are_audited_not_used(tmp_path: Path) -> None:
    out = tmp_path / "model"
    result = _train_csv(_people_csv(tmp_path / "people.csv"), out, "--protected", "sex,age")
    assert result.exit_code == 0, result.output
    model = load_model(out)
    assert model.features == ["months_unemployed"] and set(model.protected) == {"sex", "age"}
    card = model_card(model, format="markdown")
    assert "Protected attributes, never used as features: sex, age." in card


def test_allowed_protected_columns_are_stated_in_the_card(tmp_path: Path) -> None:
    out = tmp_path / "model"
    result = _train_csv(_people_csv(tmp_path / "people.csv"), out, "--allow-protected")
    assert result.exit_code == 0, result.output
    model = load_model(out)
    assert {"sex", "age"} <= set(model.features) and model.allow_protected
    card = model_card(model, format="markdown")
    assert "used as features by explicit choice: sex, age." in card
    assert "never used as features: —" not in card


def test_one_word_in_a_numeric_column_names_the_row(tmp_path: Path) -> None:
    data = _people_csv(tmp_path / "people.csv", typo=True)
    result = _train_csv(data, tmp_path / "model", "--protected", "sex,age")
    assert isinstance(result.exception, InputError)
    assert (result.exception.column, result.exception.row) == ("months_unemployed", 7)
    assert "'n/a'" in str(result.exception)


def test_one_word_in_a_numeric_column_to_score_names_the_row(tmp_path: Path) -> None:
    model = tmp_path / "model"
    assert (
        _train_csv(_people_csv(tmp_path / "a.csv"), model, "--protected", "sex,age").exit_code == 0
    )
    data = _people_csv(tmp_path / "b.csv", typo=True)
    result = RUNNER.invoke(
        app,
        ["profile", "score", "--model", str(model), "--data", str(data)]
        + ["--out", str(tmp_path / "scores.csv")],
    )
    assert isinstance(result.exception, InputError)
    assert (result.exception.column, result.exception.row) == ("months_unemployed", 7)
    assert not (tmp_path / "scores.csv").exists()


@pytest.mark.parametrize(
    ("people", "lang", "expected"),
    [
        (1, "en", "Scored 1 person into"),
        (2, "en", "Scored 2 people into"),
        (1, "lv", "Novērtēta 1 persona, rezultāti failā"),
        (2, "lv", "Novērtētas 2 personas, rezultāti failā"),
    ],
)
def test_the_score_summary_agrees_with_the_number_of_people(
    tmp_path: Path, people: int, lang: str, expected: str
) -> None:
    model = tmp_path / "model"
    assert (
        _train_csv(_people_csv(tmp_path / "a.csv"), model, "--protected", "sex,age").exit_code == 0
    )
    few = tmp_path / "few.csv"
    rows = pl.read_csv(tmp_path / "a.csv").head(people)
    rows.with_row_index("person_id").write_csv(few)
    result = RUNNER.invoke(
        app,
        ["profile", "score", "--model", str(model), "--data", str(few), "--lang", lang]
        + ["--out", str(tmp_path / "scores.csv")],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_a_file_without_an_id_column_is_scored_by_row_number(tmp_path: Path) -> None:
    model = tmp_path / "model"
    assert (
        _train_csv(_people_csv(tmp_path / "a.csv"), model, "--protected", "sex,age").exit_code == 0
    )
    rows = pl.read_csv(tmp_path / "a.csv").head(3)
    assert not [c for c in rows.columns if c.endswith("_id")]
    rows.write_csv(tmp_path / "few.csv")
    out = tmp_path / "scores.csv"
    result = RUNNER.invoke(
        app,
        ["profile", "score", "--model", str(model), "--data", str(tmp_path / "few.csv")]
        + ["--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    scores = pl.read_csv(out)
    assert scores["row"].to_list() == [1, 2, 3] and scores["probability"].is_between(0, 1).all()


def test_train_prints_the_audit_verdict_in_the_chosen_language(
    world_dir: Path, tmp_path: Path
) -> None:
    args = ["--lang", "fr", "profile", "train", "--data", str(world_dir)]
    args += ["--target", "not_employed_12m", "--model", "scorecard", "--out", str(tmp_path)]
    result = RUNNER.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "Verdict de l'audit" in x)
    words = set(line.replace("│", " ").split())
    assert not words & {"pass", "warn", "fail", "insufficient"}, line


def test_a_file_without_protected_columns_trains_and_says_no_audit_ran(tmp_path: Path) -> None:
    # No protected column, so no group audit: the verdict row says so ("—"), it does not fail.
    data = _people_csv(tmp_path / "people.csv")
    pl.read_csv(data).drop("sex", "age").write_csv(data)
    result = _train_csv(data, tmp_path / "model", "--lang", "fr")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "Verdict de l'audit" in x)
    assert "—" in line and "None" not in line, line
    card = model_card(load_model(tmp_path / "model"), format="markdown", language="fr")
    assert "None" not in card
