"""Schemathesis against the served schema: no 5xx, responses conform to it.

The operations are driven with Hypothesis directly (``as_strategy``) rather than through
Schemathesis's pytest plugin, so that every case runs inside one pytest-django database.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from openpes.web.integrations.enums import Scope


@pytest.fixture
def every_scope(api_token, monkeypatch):
    from openpes.web.www.api_views.auth import TokenRateThrottle

    # Hypothesis sends hundreds of requests; the throttle has its own test.
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "100000/min"})
    return api_token(*Scope.values)


def test_api_conforms_to_its_schema(every_scope, connection_kept):
    from openpes.web.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    headers = {"Authorization": f"Bearer {every_scope}"}
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def run(case):
            # ESCO URIs, counsellors and job seekers are checked against the database, which a
            # schema cannot express: a schema-valid body may rightly get 422 or 404.
            case.call_and_validate(
                headers=headers, excluded_checks=[checks.positive_data_acceptance]
            )

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
