"""A bad import file ends in a message naming the file, the row and what to do, with exit 2:
an encoding other than UTF-8, an empty file, a row with too many cells, another separator."""

from __future__ import annotations

import pytest

from openpes.web.caseload.models import JobSeeker

SKILL = "http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd"
HEADER = "jobseeker_id,isced,region,lat,lon,registered_on,skills,first_name\n"


def test_a_latin1_file_is_refused_naming_the_row_and_asking_for_utf8(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    good = f"JS-1,3,West,51,6,2026-11-02,{SKILL},Anna\n"
    bad = f"JS-2,3,M\xfcnster,51,6,2026-11-02,{SKILL},Ren\xe9\n"
    path.write_bytes((HEADER + good).encode() + bad.encode("latin-1"))
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv" in out and "row 2" in out and "save it as UTF-8" in out, out
    assert not JobSeeker.objects.exists()


def test_a_utf16_file_is_read(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes((HEADER + f"JS-1,3,Münster,51,6,2026-11-02,{SKILL},René\n").encode("utf-16"))
    code, out = cli_import("jobseekers", path)
    assert code == 0, out
    assert JobSeeker.objects.get().first_name == "René"


def test_an_empty_file_says_it_is_empty(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"")
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv" in out and "the file is empty" in out, out


def test_a_row_with_more_cells_than_the_header_names_its_row(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    rows = [f"JS-{n},3,West,51,6,2026-11-02,{SKILL},Anna\n" for n in range(1, 4)]
    rows[2] = rows[2].replace("Anna", "Anna,Maes")
    path.write_text(HEADER + "".join(rows))
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv" in out and "row 3" in out and "cells: 9; columns: 8" in out, out
    assert "truncate_ragged_lines" not in out, "no advice meant for Polars programmers"


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_file_separated_by_another_character_says_so(db, cli_import, tmp_path, separator):
    path = tmp_path / "people.csv"
    text = HEADER + f"JS-1,3,West,51,6,2026-11-02,{SKILL},Anna\n"
    path.write_text(text.replace(",", separator))
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv" in out and "commas" in out and repr(separator) in out, out


def test_an_empty_list_cell_is_an_empty_list(db, cli_import, tmp_path):
    # As the API takes "skills": [], a CSV says "no skills recorded yet" with an empty cell.
    path = tmp_path / "people.csv"
    path.write_text(
        "jobseeker_id,isced,region,lat,lon,registered_on,skills,languages\n"
        f"JS-1,3,West,51,6,2026-11-02,{SKILL},nl|en\n"
        "JS-2,3,West,51,6,2026-11-02,,\n"
    )
    code, out = cli_import("jobseekers", path)
    assert code == 0, out
    person = JobSeeker.objects.get(reference="JS-2")
    assert not person.skills.exists() and person.languages == []
    assert JobSeeker.objects.get(reference="JS-1").skills.count() == 1


def test_an_empty_cell_of_a_required_column_that_is_not_a_list_is_still_refused(
    db, cli_import, tmp_path
):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + f"JS-1,,West,51,6,2026-11-02,{SKILL},Anna\n")
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "row 1" in out and "isced" in out, out
    assert not JobSeeker.objects.exists()
