"""Updates of vacancies, trainings and outcomes store exactly what a creation of the same
record stores, without Django's ``bulk_update``: its CASE of one branch per row and column
took 5 min 25 s on PostgreSQL for 20,000 changed vacancies that took 12 s to create (see
benchmarks/RESULTS.md, interchange)."""

from __future__ import annotations

import polars as pl
import pytest
from django.db.models.query import QuerySet

from openpes.synth import generate_world
from openpes.web.catalogue.models import Training, Vacancy
from openpes.web.outcomes.models import Outcome
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def no_bulk_update(monkeypatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("bulk_update used")

    monkeypatch.setattr(QuerySet, "bulk_update", refused)


def _stored(model: type[Vacancy] | type[Training], source: str) -> dict[str, dict[str, object]]:
    rows = model.objects.filter(source=source).values()
    return {
        row["reference"]: {
            k: v for k, v in row.items() if k not in ("id", "source", "updated_at", "reference")
        }
        for row in rows
    }


@pytest.mark.parametrize(("kind", "model"), [("vacancies", Vacancy), ("trainings", Training)])
def test_an_updated_catalogue_entry_stores_what_a_created_one_stores(
    db, cli_import, tmp_path, no_bulk_update, kind, model
):
    before, after = tmp_path / "before", tmp_path / "after"
    # The same references (VAC-…, TRN-…) with other contents: every entry changes.
    generate_world(20, 30, 12, seed=3).write_parquet(before)
    generate_world(20, 30, 12, seed=4).write_parquet(after)
    assert cli_import(kind, before / f"{kind}.parquet", "--source", "feed")[0] == 0
    code, out = cli_import(kind, after / f"{kind}.parquet", "--source", "feed")
    assert code == 0 and " 0 records created" in out and " updated" in out, out
    assert cli_import(kind, after / f"{kind}.parquet", "--source", "fresh")[0] == 0
    updated, created = _stored(model, "feed"), _stored(model, "fresh")
    assert len(updated) == pl.read_parquet(after / f"{kind}.parquet").height
    assert updated == created
    again = cli_import(kind, after / f"{kind}.parquet", "--source", "feed")
    assert again[0] == 0 and again[1].startswith("Nothing changed"), again[1]


def test_an_updated_outcome_stores_what_a_created_one_stores(
    db, cli_import, tmp_path, no_bulk_update
):
    people = [JobSeekerFactory(), JobSeekerFactory()]
    path = tmp_path / "outcomes.csv"

    def write(status: str, employer: str, vacancy: str) -> None:
        path.write_text(
            "jobseeker_id,status,observed_on,employer,vacancy_reference\n"
            + "".join(f"{p.reference},{status},2026-11-01,{employer},{vacancy}\n" for p in people)
        )

    write("still_registered", "", "")
    assert cli_import("outcomes", path, "--source", "feed")[0] == 0
    write("employed", "Acme", "VAC-9")
    code, out = cli_import("outcomes", path, "--source", "feed")
    assert code == 0 and "2 records updated" in out, out
    assert cli_import("outcomes", path, "--source", "fresh")[0] == 0
    fields = ("jobseeker__reference", "observed_on", "status", "employer", "vacancy_reference")
    updated = sorted(Outcome.objects.filter(source="feed").values_list(*fields))
    created = sorted(Outcome.objects.filter(source="fresh").values_list(*fields))
    assert updated == created and updated[0][2:] == ("employed", "Acme", "VAC-9")
