"""``openpes match`` round-trips on ``openpes synth`` output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.matching import MatchIndex
from openpes.taxonomy import Crosswalk, Taxonomy, load_crosswalk

RUNNER = CliRunner()
OPENPES = Path(sys.executable).parent / "openpes"
AS_OF = "2023-06-01"  # before any synthetic vacancy closes


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    result = RUNNER.invoke(
        app,
        [
            "synth",
            "--jobseekers",
            "150",
            "--vacancies",
            "300",
            "--trainings",
            "40",
            "--seed",
            "4",
            "--out",
            str(folder),
        ],
    )
    assert result.exit_code == 0, result.output
    return folder


def _args(folder: Path, out: Path, *extra: str) -> list[str]:
    return [
        "match",
        "--jobseekers",
        str(folder / "jobseekers.parquet"),
        "--vacancies",
        str(folder / "vacancies.parquet"),
        "--out",
        str(out),
        "--as-of",
        AS_OF,
        *extra,
    ]


def test_parquet_output_equals_the_python_api(world_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.parquet"
    result = RUNNER.invoke(
        app, _args(world_dir, out, "--k", "5", "--trainings", str(world_dir / "trainings.parquet"))
    )
    assert result.exit_code == 0, result.output
    written = pl.read_parquet(out)
    people = pl.read_parquet(world_dir / "jobseekers.parquet")
    index = MatchIndex.build(
        pl.read_parquet(world_dir / "vacancies.parquet"), taxonomy=Taxonomy.load()
    )
    expected = index.suggest(people, k=5, as_of=pl.Series([AS_OF]).str.to_date()[0])
    assert written.drop("suggested_trainings").equals(expected)
    assert written.filter(pl.col("rank") == 1)["suggested_trainings"].list.len().sum() > 0
    assert (written.filter(pl.col("rank") > 1)["suggested_trainings"].list.len() == 0).all()
    assert f"{written.height} suggestions" in result.output


def test_csv_output_flattens_lists(world_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    result = RUNNER.invoke(app, _args(world_dir, out, "--k", "3"))
    assert result.exit_code == 0, result.output
    table = pl.read_csv(out)
    for column in (
        "jobseeker_id",
        "rank",
        "vacancy_id",
        "score",
        "distance_km",
        "matched_essential",
        "missing_essential",
        "partial_matches",
    ):
        assert column in table.columns
    assert table["partial_matches"].str.starts_with("[").all()


def test_subprocess_reports_bad_input_cleanly(world_dir: Path, tmp_path: Path) -> None:
    swapped = [
        str(OPENPES),
        "match",
        "--jobseekers",
        str(world_dir / "vacancies.parquet"),
        "--vacancies",
        str(world_dir / "vacancies.parquet"),
        "--out",
        str(tmp_path / "x.parquet"),
    ]
    done = subprocess.run(swapped, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "jobseeker_id" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.parquet").exists()


def test_subprocess_round_trip(world_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.parquet"
    done = subprocess.run(
        [str(OPENPES), *_args(world_dir, out)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert pl.read_parquet(out).height > 0


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--engine", "dask"), "--engine"),
        (("--as-of", "soon"), "--as-of"),
        (("--lang", "it"), "--lang"),
    ],
)
def test_bad_options_are_refused(
    world_dir: Path, tmp_path: Path, extra: tuple[str, str], words: str
) -> None:
    args = _args(world_dir, tmp_path / "o.parquet")
    result = RUNNER.invoke(app, [*args, *extra])
    assert result.exit_code != 0 and words in str(result.exception)


def test_output_suffix_is_checked(world_dir: Path, tmp_path: Path) -> None:
    result = RUNNER.invoke(app, _args(world_dir, tmp_path / "o.json"))
    assert result.exit_code != 0 and ".parquet or .csv" in str(result.exception)


def test_errors_are_printed_in_the_chosen_language(world_dir: Path, tmp_path: Path) -> None:
    args = [str(OPENPES), *_args(world_dir, tmp_path / "o.parquet"), "--lang", "fr"]
    args[args.index(AS_OF)] = "soon"
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "--as-of doit être une date (AAAA-MM-JJ)" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "fictional-scheme.csv"


@pytest.fixture
def roc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Crosswalk:
    """The documented fictional scheme, imported through the CLI into a fresh var folder."""
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path / "var"))
    result = RUNNER.invoke(
        app, ["taxonomy", "crosswalk", "import", str(EXAMPLE), "--scheme", "ROC-24"]
    )
    assert result.exit_code == 0, result.output
    return load_crosswalk("ROC-24")


def test_scheme_adds_the_national_codes_of_each_suggestion(
    world_dir: Path, tmp_path: Path, roc: Crosswalk
) -> None:
    plain, coded = tmp_path / "plain.parquet", tmp_path / "coded.parquet"
    assert RUNNER.invoke(app, _args(world_dir, plain, "--k", "5")).exit_code == 0
    result = RUNNER.invoke(app, _args(world_dir, coded, "--k", "5", "--scheme", "ROC-24"))
    assert result.exit_code == 0, result.output
    written = pl.read_parquet(coded)
    assert written.drop("national_code").equals(pl.read_parquet(plain))
    by_group = {
        group: [
            c for c, gs in zip(roc.codes, roc.entries["isco_groups"], strict=True) if group in gs
        ]
        for group in written["isco_group"].unique()
    }
    expected = [by_group[g] for g in written["isco_group"]]
    assert written["national_code"].to_list() == expected
    assert any(codes for codes in expected) and not all(codes for codes in expected)
    as_csv = tmp_path / "coded.csv"
    result = RUNNER.invoke(app, _args(world_dir, as_csv, "--k", "5", "--scheme", "ROC-24"))
    assert result.exit_code == 0, result.output
    column = pl.read_csv(as_csv, schema_overrides={"national_code": pl.String})["national_code"]
    assert column.fill_null("").to_list() == [";".join(codes) for codes in expected]


def test_an_unknown_scheme_is_refused_before_matching(
    world_dir: Path, tmp_path: Path, roc: Crosswalk
) -> None:
    out = tmp_path / "o.parquet"
    result = RUNNER.invoke(app, _args(world_dir, out, "--scheme", "KSCO-7"))
    assert result.exit_code != 0 and "crosswalk import" in str(result.exception)
    assert not out.exists()
