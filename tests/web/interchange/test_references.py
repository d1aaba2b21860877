"""One rule for references, in `openpes import` and the API: what an import stores can be
read and updated through the API's URLs, and a reference that could not be is refused,
naming the file, the row and the value."""

from __future__ import annotations

import pytest

from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue.models import Vacancy
from openpes.web.interchange.validate import REFERENCE_EXPECTED

SKILL = "http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd"
HEADER = "jobseeker_id,isced,region,lat,lon,registered_on,skills\n"
ROW = "{ref},3,West,51,6,2026-11-02," + SKILL + "\n"


@pytest.mark.parametrize("reference", ["X 1/2", "a/b", "é-1", "x" * 129])
def test_a_jobseeker_reference_the_api_cannot_reach_is_refused(db, cli_import, tmp_path, reference):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROW.format(ref="JS-1") + ROW.format(ref=reference))
    code, out = cli_import("jobseekers", path)
    assert code == 2, out
    assert "people.csv, row 2, column jobseeker_id" in out and repr(reference) in out, out
    assert f"expected {REFERENCE_EXPECTED}" in out, out
    assert not JobSeeker.objects.filter(reference="JS-1").exists()


def test_every_reference_column_follows_the_rule(db, cli_import, tmp_path):
    path = tmp_path / "protected.csv"
    path.write_text("jobseeker_id,sex,age,origin,disability\nJS 1,female,40,eu,false\n")
    code, out = cli_import("protected", path)
    assert code == 2 and "row 1, column jobseeker_id" in out and "'JS 1'" in out, out


def test_an_imported_reference_is_reachable_through_the_api(db, cli_import, tmp_path, api):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROW.format(ref="BO:2026.001_a-b"))
    code, out = cli_import("jobseekers", path)
    assert code == 0, out
    response = api("jobseekers:read").get("/api/v1/jobseekers/BO:2026.001_a-b")
    assert response.status_code == 200 and response.json()["reference"] == "BO:2026.001_a-b"


def test_the_api_refuses_a_bad_reference_in_the_same_words(api, esco_vacancy):
    records = [{**esco_vacancy, "source": "feed", "reference": "V 1"}]
    response = api("vacancies:write").post(
        "/api/v1/vacancies/bulk", {"records": records}, format="json"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error == {"field": "records[0].reference", "message": str(REFERENCE_EXPECTED)}
    assert not Vacancy.objects.filter(source="feed").exists()


@pytest.fixture
def esco_vacancy():
    from openpes.web.caseload.taxonomy import taxonomy
    from tests.web.api.test_api import vacancy_body

    tax = taxonomy()
    occupation = tax.occupations["uri"][0]
    return vacancy_body(
        {"occupation": occupation, "skills": tax.skills_of(occupation, relation="essential")[:3]}
    )


@pytest.fixture
def api(api_token):
    from rest_framework.test import APIClient

    def make(*scopes: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token(*scopes)}")
        return client

    return make


def test_a_source_the_api_cannot_reach_is_refused_naming_the_option(db, cli_import, tmp_path):
    from openpes.web.caseload.models import JobSeeker as Person
    from openpes.web.interchange.validate import SOURCE_EXPECTED

    person = tmp_path / "people.csv"
    person.write_text(HEADER + ROW.format(ref="JS-1"))
    assert cli_import("jobseekers", person)[0] == 0
    path = tmp_path / "outcomes.csv"
    path.write_text("jobseeker_id,status,observed_on\nJS-1,employed,2026-11-02\n")
    code, out = cli_import("outcomes", path, "--source", "city feed/2")
    assert code == 2, out
    assert "--source" in out and "'city feed/2'" in out and str(SOURCE_EXPECTED) in out, out
    assert not Person.objects.get().outcomes.exists()
