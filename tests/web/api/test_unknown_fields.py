"""A field the API does not know (a typo such as `occupaton_uri`) is refused with a 422
problem naming it, at any depth and in a bulk with its `records[i]` path; nothing is stored."""

from __future__ import annotations

from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue.models import Vacancy
from tests.web.api import test_api
from tests.web.api.test_api import jobseeker_body, vacancy_body

esco = test_api.esco  # the fixture


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_misspelt_field_is_refused_naming_it(api, esco):
    body = vacancy_body(esco)
    body["occupaton_uri"] = body.pop("occupation_uri")
    response = api("vacancies:write").put("/api/v1/vacancies/feed/V-1", body, format="json")
    errors = _errors(response)
    # occupation_uri may be left out (the title then names the occupation): the typo alone.
    assert list(errors) == ["occupaton_uri"], errors
    assert "occupaton_uri" in response.json()["detail"]
    assert not Vacancy.objects.filter(source="feed").exists()


def test_an_extra_field_alone_is_refused(api, esco):
    body = vacancy_body(esco, salary=2400)
    errors = _errors(api("vacancies:write").put("/api/v1/vacancies/feed/V-1", body, format="json"))
    assert list(errors) == ["salary"]


def test_unknown_fields_in_nested_objects_are_refused(api, esco):
    body = jobseeker_body(
        esco,
        work_history=[{"occupation_uri": esco["occupation"], "years": 2, "yeras": 3}],
        preferences={"max_distance": 10},
    )
    response = api("jobseekers:write").put("/api/v1/jobseekers/JS-1", body, format="json")
    assert set(_errors(response)) == {"work_history[0].yeras", "preferences.max_distance"}
    assert not JobSeeker.objects.filter(reference="JS-1").exists()


def test_a_bulk_names_the_record_of_an_unknown_field(api, esco):
    records = [{**vacancy_body(esco), "source": "feed", "reference": f"V-{i}"} for i in range(3)]
    records[1]["employr"] = "Acme"
    response = api("vacancies:write").post(
        "/api/v1/vacancies/bulk", {"records": records, "dry_run": True}, format="json"
    )
    assert set(_errors(response)) == {"records[1].employr", "dry_run"}
    assert not Vacancy.objects.filter(source="feed").exists()


def test_a_read_only_field_sent_back_is_not_unknown(api, esco):
    """What a read shows inside the record (a job seeker's national codes) may be sent back
    as it was read; it is ignored, as the docs say."""
    client = api("jobseekers:write")
    body = jobseeker_body(esco)
    body["preferences"] = {**body["preferences"], "national_codes": {}}
    assert client.put("/api/v1/jobseekers/JS-1", body, format="json").status_code == 201


def test_the_request_schemas_say_no_other_fields(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    for name in ("VacancyFieldsRequest", "WorkHistoryRequest", "VacancyBulkRequest"):
        assert components[name].get("additionalProperties") is False, name


def test_answers_may_still_grow(client):
    """Only what a client sends is closed; a client must accept answers with new fields."""
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "additionalProperties" not in components["ReviewRequest"]
    assert "additionalProperties" not in components["Vacancy"]
