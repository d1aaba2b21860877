"""The ``counsellor`` of a job seeker must be a counsellor's user name; a 422 names the field
(and, in a bulk, the record) and the value, not an import file's row."""

from __future__ import annotations

import pytest

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from tests.web.api.test_api import esco, jobseeker_body  # noqa: F401  (esco is a fixture)


def test_an_unknown_counsellor_is_a_422_naming_the_field_and_value(api, esco):  # noqa: F811
    response = api("jobseekers:write").put(
        "/api/v1/jobseekers/BO-1", jobseeker_body(esco, counsellor="nobody"), format="json"
    )
    assert response.status_code == 422, response.content
    problem = response.json()
    assert problem["errors"] == [
        {
            "field": "counsellor",
            "value": "nobody",
            "message": "expected the user name of a counsellor, not nobody",
        }
    ]
    assert "file" not in problem["detail"] and "row" not in problem["detail"], problem["detail"]
    assert not JobSeeker.objects.exists()


def test_in_a_bulk_the_record_is_named(api, esco, make_user):  # noqa: F811
    counsellor = make_user(Role.COUNSELLOR)
    records = [
        {**jobseeker_body(esco, counsellor=counsellor.username), "reference": "BO-1"},
        {**jobseeker_body(esco, counsellor="nobody"), "reference": "BO-2"},
    ]
    response = api("jobseekers:write").post(
        "/api/v1/jobseekers/bulk", {"records": records}, format="json"
    )
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert (error["field"], error["value"]) == ("records[1].counsellor", "nobody")
    assert not JobSeeker.objects.exists()


@pytest.mark.parametrize("role", [Role.JOBSEEKER, Role.OVERSIGHT, Role.ADMIN])
def test_a_user_who_is_not_a_counsellor_cannot_hold_a_caseload(api, esco, make_user, role):  # noqa: F811
    user = make_user(role)
    response = api("jobseekers:write").put(
        "/api/v1/jobseekers/BO-1", jobseeker_body(esco, counsellor=user.username), format="json"
    )
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert (error["field"], error["value"]) == ("counsellor", user.username)
    assert not JobSeeker.objects.exists()


def test_a_counsellor_gets_the_person(api, esco, make_user):  # noqa: F811
    counsellor = make_user(Role.COUNSELLOR)
    response = api("jobseekers:write").put(
        "/api/v1/jobseekers/BO-1",
        jobseeker_body(esco, counsellor=counsellor.username),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert JobSeeker.objects.get().counsellor == counsellor
