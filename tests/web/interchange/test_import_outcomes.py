"""Outcomes in `openpes synth`'s form are imported from any file, CSV included, and an
outcome of a person who is not registered names the file, the row and the reference."""

from __future__ import annotations

import polars as pl
import pytest

from openpes.web.outcomes.models import Outcome
from tests.web.factories import JobSeekerFactory


def test_synth_outcomes_as_csv_are_imported(db, cli_import, tmp_path):
    people = [JobSeekerFactory(), JobSeekerFactory()]
    path = tmp_path / "outcomes.csv"
    pl.DataFrame(
        {
            "jobseeker_id": [p.reference for p in people],
            "days_to_reemployment": [30, 365],
            "censored": [False, True],
            "hired_vacancy_id": ["VAC-1", None],
        }
    ).write_csv(path)
    code, out = cli_import("outcomes", path)
    assert code == 0, out
    stored = {o.jobseeker.reference: o.status for o in Outcome.objects.select_related("jobseeker")}
    assert stored == {people[0].reference: "employed", people[1].reference: "still_registered"}


def test_synth_outcomes_with_a_word_for_days_name_the_row(db, cli_import, tmp_path):
    person = JobSeekerFactory()
    path = tmp_path / "outcomes.csv"
    path.write_text(
        "jobseeker_id,days_to_reemployment,censored\n"
        f"{person.reference},30,false\n{person.reference}x,thirty,false\n"
    )
    code, out = cli_import("outcomes", path)
    assert code == 2, out
    assert "outcomes.csv" in out and "days_to_reemployment" in out and "'thirty'" in out, out


@pytest.mark.parametrize("form", ["records", "synth"])
def test_an_outcome_of_an_unregistered_person_names_the_file_row_and_reference(
    db, cli_import, tmp_path, form
):
    person = JobSeekerFactory()
    path = tmp_path / "outcomes.csv"
    if form == "records":
        path.write_text(
            "jobseeker_id,status,observed_on\n"
            f"{person.reference},employed,2026-11-01\nNOBODY-7,employed,2026-11-01\n"
        )
    else:
        path.write_text(
            "jobseeker_id,days_to_reemployment,censored\n"
            f"{person.reference},30,false\nNOBODY-7,30,false\n"
        )
    code, out = cli_import("outcomes", path)
    assert code == 2, out
    assert "outcomes.csv" in out and "row 2" in out and "NOBODY-7" in out, out
    assert not Outcome.objects.exists()
