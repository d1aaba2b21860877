"""A job seeker pushed without the region's unemployment rate has none: not a rate of 0 %."""

from __future__ import annotations

from openpes.web.caseload.models import JobSeeker
from tests.web.api.test_api import esco, jobseeker_body  # noqa: F401  (esco is a fixture)


def test_a_rate_left_out_is_stored_and_shown_as_unknown(api, esco):  # noqa: F811
    client = api("jobseekers:write", "jobseekers:read")
    response = client.put("/api/v1/jobseekers/JS-RATE-1", jobseeker_body(esco), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["region_unemployment_rate"] is None
    assert JobSeeker.objects.get(reference="JS-RATE-1").region_unemployment_rate is None
    again = client.put("/api/v1/jobseekers/JS-RATE-1", jobseeker_body(esco), format="json")
    assert again.status_code == 200, "sending the same record again changes nothing"
    given = jobseeker_body(esco, region_unemployment_rate=0.071)
    assert client.put("/api/v1/jobseekers/JS-RATE-1", given, format="json").status_code == 200
    assert JobSeeker.objects.get(reference="JS-RATE-1").region_unemployment_rate == 0.071
    unknown = jobseeker_body(esco, region_unemployment_rate=None)
    assert client.put("/api/v1/jobseekers/JS-RATE-1", unknown, format="json").status_code == 200
    assert JobSeeker.objects.get(reference="JS-RATE-1").region_unemployment_rate is None


def test_bulk_keeps_a_left_out_rate_unknown(api, esco):  # noqa: F811
    client = api("jobseekers:write")
    records = [
        {**jobseeker_body(esco), "reference": "JS-RATE-2"},
        {**jobseeker_body(esco, region_unemployment_rate=0.058), "reference": "JS-RATE-3"},
    ]
    done = client.post("/api/v1/jobseekers/bulk", {"records": records}, format="json")
    assert done.status_code == 200, done.content
    rates = dict(JobSeeker.objects.values_list("reference", "region_unemployment_rate"))
    assert rates == {"JS-RATE-2": None, "JS-RATE-3": 0.058}


def test_a_rate_outside_zero_to_one_names_the_field(api, esco):  # noqa: F811
    client = api("jobseekers:write")
    body = jobseeker_body(esco, region_unemployment_rate=7.1)
    response = client.put("/api/v1/jobseekers/JS-RATE-4", body, format="json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "region_unemployment_rate"
