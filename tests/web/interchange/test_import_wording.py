"""What `openpes import` says in the cases its words used to fit badly: a file with a header
and no records, a column named twice, a national code while no classification is imported."""

from __future__ import annotations

from openpes.web.caseload.models import JobSeeker

SKILL = "http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd"
HEADER = "jobseeker_id,isced,region,lat,lon,registered_on,skills\n"


def test_a_header_only_file_says_it_holds_no_records(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(HEADER)
    code, out = cli_import("jobseekers", path)
    assert code == 0, out
    assert "people.csv holds no records" in out, out
    assert "all 0" not in out and "Nothing changed" not in out, out


def test_a_column_named_twice_is_refused_naming_it(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "jobseeker_id,isced,region,lat,lon,registered_on,skills,region\n"
        f"JS-1,3,West,51,6,2026-11-02,{SKILL},East\n"
    )
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv" in out and "'region'" in out and "more than once" in out, out
    assert not JobSeeker.objects.exists()


def test_a_national_code_without_any_classification_says_what_to_do(db, cli_import, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "jobseeker_id,isced,region,lat,lon,registered_on,skills,national_occupations\n"
        f"JS-1,3,West,51,6,2026-11-02,{SKILL},ROC-24:R-8344-1\n"
    )
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "(-)" not in out, out
    assert "row 1, column national_occupations[0].scheme" in out, out
    assert "openpes taxonomy crosswalk import" in out, out
