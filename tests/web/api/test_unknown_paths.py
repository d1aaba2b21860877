"""A path under /api/v1/ that names no operation is a 404 problem, as every other API error;
a wrong method a 405 problem; pages outside the API keep their HTML 404."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/nope"),
        ("get", "/api/v1/jobseekers/JS-1/nothing-here"),
        ("put", "/api/v1/jobseekers/X%201/2"),
        ("post", "/api/v1/vacancies/feed/V-1/extra"),
        ("delete", "/api/v1/exchange/nowhere"),
    ],
)
def test_an_unknown_api_path_is_a_404_problem(api, method, path):
    client = api("jobseekers:write", "vacancies:write")
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 404 and problem["type"].endswith("/404")
    assert problem["instance"] == path and problem["detail"]


def test_a_missing_slash_is_a_404_problem_that_gives_the_path(api):
    response = api("vacancies:read").get("/api/v1/vacancies")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert "/api/v1/vacancies/" in response.json()["detail"]


def test_an_unknown_api_path_is_a_problem_without_a_token(client):
    response = client.post("/api/v1/nope", data="{}", content_type="application/json")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


def test_a_wrong_method_is_a_405_problem(api):
    response = api("vacancies:write").delete("/api/v1/vacancies/bulk")
    assert response.status_code == 405 and response["Content-Type"] == PROBLEM
    assert "POST" in response["Allow"]


def test_pages_outside_the_api_keep_their_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
