"""Every error path in a 422 uses the documented notation, `records[3].occupation_uri`,
whether the problem was found by DRF's own field checks or by the shared validation."""

from __future__ import annotations

import re

from tests.web.api import test_api
from tests.web.api.test_api import jobseeker_body, vacancy_body

esco = test_api.esco  # the fixture

# Dotted names with bracketed indices: `records[3].work_history[0].years`, never `records.3`.
DOCUMENTED = re.compile(r"^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$")


def _fields(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [e["field"] for e in response.json()["errors"]]


def test_drf_field_errors_in_a_bulk_name_records_with_brackets(api, esco):
    client = api("vacancies:write")
    records = [{**vacancy_body(esco), "source": "feed", "reference": f"V-{i}"} for i in range(3)]
    records[2]["lat"] = "north"
    fields = _fields(client.post("/api/v1/vacancies/bulk", {"records": records}, format="json"))
    assert fields == ["records[2].lat"]


def test_nested_lists_in_a_bulk_use_brackets_at_every_level(api, esco):
    client = api("jobseekers:write")
    person = {**jobseeker_body(esco), "reference": "JS-1"}
    bad = {
        **person,
        "reference": "JS-2",
        "work_history": [{"occupation_uri": esco["occupation"], "years": -1}],
        "languages": ["fr", "French"],
    }
    fields = _fields(
        client.post("/api/v1/jobseekers/bulk", {"records": [person, bad]}, format="json")
    )
    assert set(fields) == {"records[1].work_history[0].years", "records[1].languages[1]"}
    assert all(DOCUMENTED.match(f) for f in fields), fields


def test_a_single_record_names_the_list_item_with_brackets(api, esco):
    client = api("jobseekers:write")
    body = jobseeker_body(esco, work_history=[{"occupation_uri": esco["occupation"]}])
    fields = _fields(client.put("/api/v1/jobseekers/JS-1", body, format="json"))
    assert fields == ["work_history[0].years"]
