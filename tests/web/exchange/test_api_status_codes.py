"""Every status code the OpenAPI schema documents for the exchange hub's operations is reached.

The hub's operations need what a schema cannot describe: a registered member with its key, a
bundle signed with it, a hub switched on (and off, for 404). Each documented code is provoked
here explicitly, and every response is checked against the schema by Schemathesis (status
documented, body and headers as documented), as ``tests/web/api/test_status_codes.py`` does
for the other operations.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from werkzeug.test import Client

from openpes.exchange import build_bundle, generate_key, load_private_key, sign
from openpes.web.integrations.enums import Scope
from tests.web.exchange.samples import CASE

BUNDLES = ("POST", "/api/v1/exchange/bundles")
WITHDRAWAL = ("POST", "/api/v1/exchange/withdrawal")
BENCHMARKS = ("GET", "/api/v1/exchange/benchmarks")


@pytest.fixture
def member(db, tmp_path):
    """A registered member: its slug, private key and its own exchange token."""
    from openpes.web.exchange.services import member_register

    key = tmp_path / "exchange.key"
    _found, token = member_register(
        actor=None, slug="pes-codes", name="PES Codes", country="nl", public_key=generate_key(key)
    )
    return "pes-codes", load_private_key(key), token


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_every_documented_exchange_status_code_is_reached(
    member, api_token, connection_kept, monkeypatch
):
    from openpes.web.wsgi import application
    from openpes.web.www.api_views.auth import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "100000/min"})
    monkeypatch.setenv("OPENPES_HUB", "1")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = {
        (op.method.upper(), op.path): op
        for op in (r.ok() for r in schema.get_all_operations())
        if "/exchange/" in op.path
    }
    assert set(operations) == {BUNDLES, WITHDRAWAL, BENCHMARKS}
    documented = {
        key: {int(code) for code in op.definition.raw["responses"]}
        for key, op in operations.items()
    }
    reached: dict[tuple[str, str], set[int]] = defaultdict(set)
    slug, private, own = member
    client = Client(application)

    def call(
        key: tuple[str, str],
        *,
        token: str | None = own,
        body: Any = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
        accept: str = "application/json",
    ) -> Any:
        headers = {"Accept": accept}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        response = client.open(
            key[1],
            method=key[0],
            headers=headers,
            data=data,
            content_type=content_type if data is not None else None,
        )
        operations[key].validate_response(response)
        reached[key].add(response.status_code)
        return response

    def bundle() -> dict[str, Any]:
        return sign(build_bundle(slug, {"cases": [CASE]}), private)

    def withdrawal() -> dict[str, Any]:
        return sign({**build_bundle(slug, {}), "withdraw": True}, private)

    bodies = {BUNDLES: bundle(), WITHDRAWAL: withdrawal(), BENCHMARKS: None}

    created = call(BUNDLES, body=bodies[BUNDLES])
    assert created.status_code == 201, created.data
    assert created.json["version"] == 1
    assert call(BENCHMARKS).status_code == 200
    withdrawn = call(WITHDRAWAL, body=bodies[WITHDRAWAL])
    assert withdrawn.status_code == 200, withdrawn.data
    assert withdrawn.json["versions"] == 1

    # 422, with the rule broken: a tampered bundle, another member's bundle on a member's
    # token, a withdrawal that carries parts, a withdrawal of an unknown member.
    tampered = copy.deepcopy(bundle())
    tampered["parts"]["cases"][0]["title"] = "Changed"
    refusals = [
        (BUNDLES, own, tampered, "tampered"),
        (BUNDLES, own, {**bundle(), "format_version": 99}, "future_version"),
        (WITHDRAWAL, own, {**bundle(), "withdraw": True}, "tampered"),
        (WITHDRAWAL, own, bundle(), "malformed"),
        (WITHDRAWAL, own, {**withdrawal(), "member": "pes-nobody"}, "unknown_member"),
    ]
    for key, token, body, rule in refusals:
        refused = call(key, token=token, body=body)
        assert refused.status_code == 422, (key, refused.data)
        assert refused.json["rule"] == rule, (key, refused.json)

    narrow = api_token("vacancies:read", account="narrow")
    for key, body in bodies.items():
        assert call(key, body=body, token=None).status_code == 401
        assert call(key, body=body, token=narrow).status_code == 403
        assert call(key, body=body, accept="application/xml").status_code == 406
        if body is not None:
            assert call(key, raw=b"{not json").status_code == 400
            plain = call(key, raw=b"plain words", content_type="text/plain")
            assert plain.status_code == 415
    # Not a hub: 404, with the right token and a well-formed body.
    monkeypatch.setenv("OPENPES_HUB", "0")
    for key, body in bodies.items():
        assert call(key, body=body).status_code == 404
    monkeypatch.setenv("OPENPES_HUB", "1")
    # Last, a spent budget: every operation answers 429.
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "1/min"})
    spent = api_token(Scope.EXCHANGE_WRITE, account="spent")
    call(BENCHMARKS, token=spent)
    for key, body in bodies.items():
        assert call(key, token=spent, body=body).status_code == 429
    missing = {
        f"{m} {p}": sorted(documented[(m, p)] - reached[(m, p)])
        for m, p in operations
        if documented[(m, p)] - reached[(m, p)]
    }
    assert not missing, f"documented but never reached: {missing}"
