"""The input contract is what ``openpes synth`` writes; bad input is named precisely."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from openpes.errors import InputError
from openpes.matching import JOBSEEKER_SCHEMA, TRAINING_SCHEMA, VACANCY_SCHEMA
from openpes.matching._schema import read_table, validate
from openpes.synth import World


def test_synth_parquet_satisfies_the_contract(world: World, tmp_path: Path) -> None:
    world.write_parquet(tmp_path)
    for name, schema in (
        ("jobseekers", JOBSEEKER_SCHEMA),
        ("vacancies", VACANCY_SCHEMA),
        ("trainings", TRAINING_SCHEMA),
    ):
        raw = read_table(tmp_path / f"{name}.parquet")
        checked = validate(raw, schema, source=name)
        assert checked.height == getattr(world, name).height
        assert checked["skills" if name == "jobseekers" else schema[0].name].dtype != pl.Categorical


def test_pandas_input_is_accepted(world: World) -> None:
    frame = world.vacancies.head(3).to_pandas()
    assert (
        validate(frame, VACANCY_SCHEMA, source="v")["vacancy_id"].to_list()
        == world.vacancies["vacancy_id"][:3].to_list()
    )


@pytest.mark.parametrize(
    ("change", "column", "row", "words"),
    [
        (lambda f: f.drop("closes_on"), "closes_on", None, "missing"),
        (lambda f: f.with_columns(lat=pl.lit("north")), "lat", None, "expected type"),
        (
            lambda f: f.with_columns(
                lat=pl.when(pl.int_range(pl.len()) == 2).then(95.0).otherwise(pl.col("lat"))
            ),
            "lat",
            2,
            "between",
        ),
        (
            lambda f: f.with_columns(
                contract=pl.when(pl.int_range(pl.len()) == 1)
                .then(pl.lit("gig"))
                .otherwise(pl.col("contract"))
            ),
            "contract",
            1,
            "gig",
        ),
        (lambda f: f.with_columns(vacancy_id=pl.lit("same")), "vacancy_id", 0, "unique"),
        (
            lambda f: f.with_columns(
                closes_on=pl.when(pl.int_range(pl.len()) == 3)
                .then(None)
                .otherwise(pl.col("closes_on"))
            ),
            "closes_on",
            3,
            "found none",
        ),
    ],
)
def test_bad_vacancies_name_file_column_and_row(
    world: World, change, column: str, row: int | None, words: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as error:
        validate(change(world.vacancies.head(5)), VACANCY_SCHEMA, source="vacancies.parquet")
    assert (
        error.value.file == "vacancies.parquet"
        and error.value.column == column
        and error.value.row == row
    )
    assert words in str(error.value)


def test_read_table_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_table(tmp_path / "nope.parquet")
    (tmp_path / "x.csv").write_text("a\n1\n")
    with pytest.raises(InputError, match="Parquet"):
        read_table(tmp_path / "x.csv")
    (tmp_path / "broken.parquet").write_text("not parquet")
    with pytest.raises(InputError, match="readable"):
        read_table(tmp_path / "broken.parquet")
