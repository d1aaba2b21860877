"""Wished-for occupations given by a national code (ISCO-08 crosswalk) through the API and
``openpes import``: one rule, ``classifications.selectors.national_occupation``."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse

from openpes.taxonomy import read_crosswalk, save_crosswalk
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.classifications.selectors import candidates
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import validate_records
from openpes.web.trail.models import AuditEvent
from tests.web.api.test_api import jobseeker_body

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "fictional-scheme.csv"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
FORKLIFT = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"


@pytest.fixture
def scheme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    save_crosswalk(read_crosswalk(EXAMPLE, scheme="ROC-24", taxonomy=taxonomy()))
    return "ROC-24"


@pytest.fixture
def esco():
    tax = taxonomy()
    return {"occupation": FORKLIFT, "skills": tax.skills_of(FORKLIFT, relation="essential")[:3]}


def _put(api, esco, national, reference="JS-NAT-1"):
    body = jobseeker_body(
        esco, preferences={"max_distance_km": 25, "national_occupations": national}
    )
    url = reverse("api_jobseeker", args=[reference])
    return api("jobseekers:write", "jobseekers:read").put(url, body, format="json")


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_chosen_occupation_is_added_with_its_code_in_the_trail_and_shown(scheme, api, esco):
    response = _put(
        api,
        esco,
        [
            {"scheme": "ROC-24", "code": "R-7212-1", "occupation_uri": WELDER},
            {"scheme": "ROC-24", "code": "R-8344-1"},  # one candidate: no need to choose
        ],
    )
    assert response.status_code == 201, response.content
    preferences = response.json()["preferences"]
    assert preferences["preferred_occupations"] == [WELDER, FORKLIFT]
    assert "national_occupations" not in preferences  # write-only
    assert preferences["national_codes"] == {
        WELDER: ["ROC-24:R-7212-1", "ROC-24:R-7212-2", "ROC-24:R-7210-9"],
        FORKLIFT: ["ROC-24:R-8344-1"],
    }
    assert JobSeeker.objects.get(reference="JS-NAT-1").preferred_occupations == [WELDER, FORKLIFT]
    details = [
        e.details
        for e in AuditEvent.objects.filter(subject="jobseeker:JS-NAT-1", action="record.changed")
        if "national_code" in e.details
    ]
    assert sorted(details, key=str) == sorted(
        [
            {"preferred_occupation_added": WELDER, "national_code": "ROC-24:R-7212-1"},
            {"preferred_occupation_added": FORKLIFT, "national_code": "ROC-24:R-8344-1"},
        ],
        key=str,
    )
    read = api("jobseekers:read").get(reverse("api_jobseekers")).json()["results"]
    assert read[0]["preferences"]["national_codes"][FORKLIFT] == ["ROC-24:R-8344-1"]


def test_several_candidates_and_no_choice_is_refused_with_the_candidates(scheme, api, esco):
    errors = _errors(_put(api, esco, [{"scheme": "ROC-24", "code": "R-7212-1"}]))
    message = errors["preferences.national_occupations[0].occupation_uri"]
    assert all(c.uri in message for c in candidates("ROC-24:R-7212-1"))
    assert not JobSeeker.objects.filter(reference="JS-NAT-1").exists()


def test_an_occupation_outside_the_codes_groups_is_refused(scheme, api, esco):
    errors = _errors(
        _put(
            api,
            esco,
            [
                {"scheme": "ROC-24", "code": "R-8344-1"},
                {"scheme": "ROC-24", "code": "R-7212-1", "occupation_uri": FORKLIFT},
            ],
        )
    )
    assert WELDER in errors["preferences.national_occupations[1].occupation_uri"]
    assert list(errors) == ["preferences.national_occupations[1].occupation_uri"]


def test_an_unknown_scheme_or_code_is_refused_naming_the_field(scheme, api, esco):
    errors = _errors(
        _put(
            api,
            esco,
            [{"scheme": "KSCO-7", "code": "7212-01"}, {"scheme": "ROC-24", "code": "R-0000-0"}],
        )
    )
    assert "ROC-24" in errors["preferences.national_occupations[0].scheme"]
    assert "preferences.national_occupations[1].code" in errors
    assert AuditEvent.objects.filter(subject="jobseeker:JS-NAT-1").count() == 0


def test_bulk_names_the_record(scheme, api, esco):
    body = jobseeker_body(
        esco,
        reference="JS-NAT-2",
        preferences={"national_occupations": [{"scheme": "ROC-24", "code": "R-2221-1"}]},
    )
    response = api("jobseekers:write").post(
        reverse("api_jobseekers_bulk"), {"records": [body]}, format="json"
    )
    assert "records[0].preferences.national_occupations[0].occupation_uri" in _errors(response)


def test_import_takes_the_same_column(scheme, db, esco):
    row = {
        "jobseeker_id": "JS-FILE-1",
        "isced": "3",
        "region": "Westhaven",
        "lat": "50.8",
        "lon": "4.3",
        "registered_on": "2026-10-01",
        "skills": "|".join(esco["skills"]),
        "national_occupations": f"ROC-24:R-8344-1|ROC-24:R-7212-1={WELDER}",
    }
    typed, problems = validate_records("jobseekers", pl.DataFrame([row]), file="people.csv")
    assert problems == []
    assert typed["preferred_occupations"].to_list() == [[FORKLIFT, WELDER]]
    records_apply("jobseekers", typed, actor="cli:test", source="")
    assert JobSeeker.objects.get(reference="JS-FILE-1").preferred_occupations == [FORKLIFT, WELDER]
    assert AuditEvent.objects.filter(details__national_code="ROC-24:R-7212-1").exists()
    bad = pl.DataFrame([{**row, "national_occupations": "ROC-24:R-7212-1"}])
    _, problems = validate_records("jobseekers", bad, file="people.csv")
    [problem] = problems
    assert (problem.row, problem.column) == (1, "national_occupations[0].occupation_uri")
    assert WELDER in problem.expected
