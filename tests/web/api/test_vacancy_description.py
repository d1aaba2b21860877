"""The API's vacancies with a description instead of ESCO URIs (interchange/from_text.py)."""

from __future__ import annotations

from tests.web.api.test_api import vacancy_body

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
TEXT = "You will operate forklifts in our warehouse. Fluent Spanish is a plus."


def test_the_api_takes_a_description_and_never_returns_it(api):
    client = api("vacancies:write", "vacancies:read")
    body = vacancy_body(
        {"occupation": "", "skills": []}, title="Warehouse worker", description=TEXT
    )
    del body["occupation_uri"], body["essential_skills"]
    created = client.put("/api/v1/vacancies/feed/V-2", body, format="json")
    assert created.status_code == 201, created.content
    assert FORKLIFT in created.json()["essential_skills"]
    assert "description" not in client.get("/api/v1/vacancies/feed/V-2").json()
    refused = client.put(
        "/api/v1/vacancies/feed/V-3", {**body, "title": "Senior Python developer"}, format="json"
    )
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["occupation_uri"]
