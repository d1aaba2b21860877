"""``openpes import vacancies|trainings FILE --withdraw-missing``: the file is the whole feed."""

from __future__ import annotations

import pytest

from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.catalogue.models import Training, Vacancy
from openpes.web.catalogue.selectors import catalogue_version
from openpes.web.catalogue.services import catalogue_version_refresh
from openpes.web.trail.models import AuditEvent

HEADER = (
    "vacancy_id,title,occupation_uri,essential_skills,region,lat,lon,hours,contract,"
    "posted_on,closes_on\n"
)


def _vacancies(path, *refs: str):
    tax = taxonomy()
    occupation = tax.occupations["uri"][0]
    skills = "|".join(tax.skills_of(occupation, relation="essential")[:2])
    rows = "".join(
        f"{ref},Worker,{occupation},{skills},West,51,4,full_time,permanent,2026-11-20,2026-12-31\n"
        for ref in refs
    )
    path.write_text(HEADER + rows)
    return path


def _open(source: str = "feed") -> set[str]:
    return set(
        Vacancy.objects.filter(source=source, withdrawn_at__isnull=True).values_list(
            "reference", flat=True
        )
    )


def test_a_full_feed_withdraws_what_it_no_longer_lists_and_reopens_what_returns(
    db, cli_import, tmp_path
):
    code, out = cli_import(
        "vacancies", _vacancies(tmp_path / "a.csv", "V-1", "V-2", "V-3"), "--source", "feed"
    )
    assert code == 0, out
    Vacancy.objects.create(
        **{**Vacancy.objects.filter(reference="V-1").values()[0], "id": None, "source": "other"}
    )
    before = catalogue_version_refresh()
    smaller = _vacancies(tmp_path / "b.csv", "V-1", "V-3")

    code, out = cli_import(
        "vacancies", smaller, "--source", "feed", "--withdraw-missing", "--dry-run"
    )
    assert code == 0 and "1 vacancies record no longer in the file would be withdrawn" in out, out
    assert _open() == {"V-1", "V-2", "V-3"} and catalogue_version() == before

    code, out = cli_import("vacancies", smaller, "--source", "feed", "--withdraw-missing")
    assert code == 0 and "1 vacancies record no longer in the file withdrawn" in out, out
    assert "Nothing changed" not in out
    assert _open() == {"V-1", "V-3"} and _open("other") == {"V-1"}, "other sources untouched"
    assert catalogue_version() != before
    event = AuditEvent.objects.get(action="catalogue.withdrawn")
    assert (event.actor, event.subject, event.details["channel"]) == (
        "cli",
        "vacancies:feed/V-2",
        "import",
    )

    code, out = cli_import("vacancies", smaller, "--source", "feed", "--withdraw-missing")
    assert code == 0 and "0 vacancies records no longer in the file withdrawn" in out, out
    assert AuditEvent.objects.filter(action="catalogue.withdrawn").count() == 1

    code, out = cli_import(
        "vacancies", _vacancies(tmp_path / "c.csv", "V-1", "V-2", "V-3"), "--source", "feed"
    )
    assert code == 0 and _open() == {"V-1", "V-2", "V-3"}, "sent again: re-opened"
    assert catalogue_version() == before


def test_without_the_option_nothing_is_withdrawn(db, cli_import, tmp_path):
    cli_import("vacancies", _vacancies(tmp_path / "a.csv", "V-1", "V-2"), "--source", "feed")
    code, out = cli_import("vacancies", _vacancies(tmp_path / "b.csv", "V-1"), "--source", "feed")
    assert code == 0 and _open() == {"V-1", "V-2"}, out


def test_an_empty_feed_is_refused_and_withdraws_nothing(db, cli_import, tmp_path):
    cli_import("vacancies", _vacancies(tmp_path / "a.csv", "V-1", "V-2"), "--source", "feed")
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER)
    code, out = cli_import("vacancies", empty, "--source", "feed", "--withdraw-missing")
    assert code == 2, out
    assert "empty.csv holds no records" in out and "Nothing was changed" in out, out
    assert _open() == {"V-1", "V-2"}


@pytest.mark.parametrize("kind", ["jobseekers", "protected", "outcomes"])
def test_other_kinds_cannot_be_withdrawn(db, cli_import, tmp_path, kind):
    path = _vacancies(tmp_path / "a.csv", "V-1")
    code, out = cli_import(kind, path, "--withdraw-missing")
    assert code == 2 and "only vacancies and trainings can be withdrawn" in out, out


def test_trainings_too(db, cli_import, tmp_path):
    tax = taxonomy()
    skill = tax.skills_of(tax.occupations["uri"][0], relation="essential")[0]
    header = "training_id,title,skills_taught,duration_weeks,start_dates\n"
    full = tmp_path / "t.csv"
    full.write_text(header + f"T-1,Course,{skill},2,2026-12-15\nT-2,Course,{skill},2,2026-12-15\n")
    assert cli_import("trainings", full, "--source", "feed")[0] == 0
    one = tmp_path / "t1.csv"
    one.write_text(header + f"T-1,Course,{skill},2,2026-12-15\n")
    code, out = cli_import("trainings", one, "--source", "feed", "--withdraw-missing")
    assert code == 0, out
    assert set(
        Training.objects.filter(source="feed", withdrawn_at__isnull=True).values_list(
            "reference", flat=True
        )
    ) == {"T-1"}
