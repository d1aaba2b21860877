"""Every status code the OpenAPI schema documents is reached, and conforms to the schema.

Schemathesis's generated cases (``test_schemathesis.py``) mostly reach 200, 401 and 422; the
other documented codes need a state or a request a schema cannot describe (a record that
exists, a token without the scope, a spent budget, a body that is not JSON). Each is
provoked here explicitly, per operation, and every response is checked against the schema
by Schemathesis (status documented, body and headers as documented).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
import schemathesis
from werkzeug.test import Client

from openpes.web.integrations.enums import Scope

START = "2027-01-04"


@pytest.fixture
def esco():
    from openpes.web.caseload.taxonomy import taxonomy

    tax = taxonomy()
    occupation = tax.occupations["uri"][0]
    return {"occupation": occupation, "skills": tax.skills_of(occupation, relation="essential")[:3]}


def _bodies(esco: dict[str, Any]) -> dict[str, dict[str, Any]]:
    vacancy = {
        "title": "Warehouse operative",
        "occupation_uri": esco["occupation"],
        "essential_skills": esco["skills"],
        "region": "Westhaven",
        "lat": 50.8,
        "lon": 4.3,
        "hours": "full_time",
        "contract": "permanent",
        "posted_on": "2026-11-20",
        "closes_on": "2026-12-31",
    }
    training = {
        "title": "Forklift licence",
        "skills_taught": esco["skills"][:1],
        "duration_weeks": 2,
        "start_dates": [START],
    }
    jobseeker = {
        "first_name": "Ada",
        "last_name": "Peeters",
        "isced": 3,
        "region": "Westhaven",
        "lat": 50.8,
        "lon": 4.3,
        "registered_on": "2026-10-01",
        "skills": esco["skills"],
    }
    outcome = {"status": "employed", "employer": "Acme"}
    protected = {"sex": "female", "age": 40, "origin": "national", "disability": False}
    return {
        "vacancies": vacancy,
        "trainings": training,
        "jobseekers": jobseeker,
        "outcomes": outcome,
        "protected": protected,
    }


def _resource(path: str) -> str:
    if path.endswith("/protected"):
        return "protected"
    return path.split("/")[3]


def _filled(path: str, *, reference: str = "REF-1") -> str:
    """The path of an existing record (or of ``reference``)."""
    return (
        path.replace("{source}", "feed")
        .replace("{reference}", reference)
        .replace("{jobseeker}", reference)
        .replace("{observed_on}", "2026-11-15")
    )


def _bulk(resource: str, body: dict[str, Any]) -> dict[str, Any]:
    record = {**body, "reference": "REF-BULK", "source": "feed"}
    if resource == "jobseekers":
        record.pop("source")
    if resource == "outcomes":
        record = {**body, "jobseeker": "REF-1", "observed_on": "2026-11-16", "source": "feed"}
    return {"records": [record]}


def test_every_documented_status_code_is_reached(api_token, esco, connection_kept, monkeypatch):
    from openpes.web.wsgi import application
    from openpes.web.www.api_views.auth import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "100000/min"})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    # The exchange hub's operations need signed bundles and members: they have their own
    # test (tests/web/exchange/test_api_status_codes.py).
    operations = {
        (op.method.upper(), op.path): op
        for op in (r.ok() for r in schema.get_all_operations())
        if "/exchange/" not in op.path
    }
    documented = {
        key: {int(code) for code in op.definition.raw["responses"]}
        for key, op in operations.items()
    }
    reached: dict[tuple[str, str], set[int]] = defaultdict(set)
    bodies = _bodies(esco)
    every = api_token(*Scope.values, account="every")
    client = Client(application)

    def call(
        key: tuple[str, str],
        url: str,
        *,
        token: str | None = every,
        body: Any = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
        accept: str = "application/json",
        query: str = "",
    ) -> int:
        method = key[0]
        headers = {"Accept": accept}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        response = client.open(
            url + (f"?{query}" if query else ""),
            method=method,
            headers=headers,
            data=data,
            content_type=content_type if data is not None else None,
        )
        operations[key].validate_response(response)
        reached[key].add(response.status_code)
        return response.status_code

    def body_of(key: tuple[str, str]) -> dict[str, Any] | None:
        method, path = key
        resource = _resource(path)
        if method == "GET":
            return None
        if path.endswith("/bulk"):
            return _bulk(resource, bodies[resource])
        return bodies[resource]

    # Records to read and to update: the job seeker first, the outcome needs it.
    order = sorted(operations, key=lambda k: (k[0] != "PUT", "jobseekers" not in k[1], k[1]))
    for key in order:
        method, path = key
        url, body = _filled(path), body_of(key)
        if method == "PUT":
            call(key, url, body=body)  # 201 (204 for protected attributes, needing a person)
            call(key, url, body=body)  # 200: the same record again
        else:
            call(key, url, body=body)  # 200
    for key in order:
        method, path = key
        url, body = _filled(path), body_of(key)
        needed = operations[key].definition.raw.get("x-scope")
        call(key, url, body=body, token=None)  # 401
        other = "vacancies:read" if "systems" in path else "systems:read"
        assert needed is None or needed != other
        call(key, url, body=body, token=api_token(other, account=f"narrow-{len(reached)}"))  # 403
        call(key, url, body=body, accept="application/xml")  # 406
        if method == "GET" and "{" in path:
            call(key, _filled(path, reference="NOBODY"))  # 404: no such record
        elif method == "GET":
            call(key, url, query="cursor=not-a-cursor")  # 404: an invalid page cursor
            if any(
                p.get("name") == "withdrawn"
                for p in operations[key].definition.raw.get("parameters", [])
            ):
                call(key, url, query="withdrawn=maybe")  # 400: a filter's wrong value
        else:
            if path.endswith(("/protected", "{observed_on}")):
                call(key, _filled(path, reference="NOBODY"), body=body)  # 404: no such person
            elif "{" in path:
                # An upsert creates what is missing: 404 is for a reference of the wrong form.
                call(key, _filled(path, reference="not%20valid"), body=body)  # 404
            call(key, url, raw=b"{not json")  # 400
            call(key, url, raw=b"plain words", content_type="text/plain")  # 415
            bad = dict(body)
            if "records" in bad:
                record = bad["records"][0]
                wrong = {"status": "nowhere"} if "status" in record else {"lat": 500}
                bad = {"records": [{**record, **wrong}]}
            else:
                bad = {**bad, "status": "nowhere"} if "status" in bad else {**bad, "age": 5}
                if "title" in body or "first_name" in body:
                    bad = {**body, "lat": 500}
            call(key, url, body=bad)  # 422
    # Last, a spent budget: every operation answers 429.
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "1/min"})
    spent = api_token(*Scope.values, account="spent")
    call(order[-1], _filled(order[-1][1]), token=spent, body=body_of(order[-1]))
    for key in order:
        call(key, _filled(key[1]), token=spent, body=body_of(key))
    missing = {
        f"{m} {p}": sorted(documented[(m, p)] - reached[(m, p)])
        for m, p in order
        if documented[(m, p)] - reached[(m, p)]
    }
    assert not missing, f"documented but never reached: {missing}"
