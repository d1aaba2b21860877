"""The hub's receipt, refusal and withdrawal of bundles, the API upload and the pages."""

from __future__ import annotations

import copy
import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpes.exchange import BundleRefused, build_bundle, generate_key, load_private_key, sign
from openpes.web.accounts.enums import Role
from openpes.web.exchange.demo import exchange_demo_seed
from openpes.web.exchange.models import BundleVersion, Member
from openpes.web.exchange.selectors import (
    case_search,
    hub_benchmarks,
    safeguard_comparison,
)
from openpes.web.exchange.services import (
    bundle_receive,
    bundle_withdraw,
    member_register,
    withdrawal_receive,
)
from openpes.web.trail.models import AuditEvent
from tests.web.exchange.samples import CASE

pytestmark = pytest.mark.django_db

INDICATOR = {
    "system": "matching",
    "people": 400,
    "override_rate": 0.25,
    "review_rate": 0.02,
    "reviews": 8,
    "alerts": 1,
    "pauses": 0,
    "groups": [{"attribute": "gender", "group": "women", "n": 200}],
}


@pytest.fixture
def member(tmp_path):
    key = tmp_path / "exchange.key"
    public = generate_key(key)
    found, token = member_register(
        actor=None,
        slug="pes-test",
        name="PES Test",
        country="nl",
        public_key=public,
        region="west",
        size_band="small",
    )
    return found, load_private_key(key), token


def _bundle(member, parts=None):
    _m, key, _t = member
    return sign(
        build_bundle("pes-test", parts or {"cases": [CASE], "indicators": [INDICATOR]}), key
    )


def test_a_bundle_is_stored_as_a_version_with_a_trail_event(member):
    version = bundle_receive(actor=None, data=_bundle(member), via="file")
    assert (version.number, version.parts) == (1, ["indicators", "cases"])
    assert AuditEvent.objects.filter(action="exchange.bundle_received").count() == 1
    again = bundle_receive(actor=None, data=_bundle(member, {"cases": [CASE]}), via="file")
    assert again.number == 2
    assert [c.title for c in case_search(theme="counselling", country="nl")] == ["Reasons first"]
    assert case_search(theme="fairness") == []
    assert case_search(text="REASONS")[0].member == "PES Test"


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (lambda b: b["parts"]["cases"][0].update(title="Changed"), "tampered"),
        (lambda b: b.update(member="pes-other"), "unknown_member"),
        (lambda b: b.update(format_version=99), "future_version"),
    ],
)
def test_a_refused_bundle_stores_nothing_and_says_why(member, change, rule):
    bundle = copy.deepcopy(_bundle(member))
    change(bundle)
    with pytest.raises(BundleRefused) as refused:
        bundle_receive(actor=None, data=bundle, via="file")
    assert refused.value.rule == rule
    assert not BundleVersion.objects.exists()
    event = AuditEvent.objects.get(action="exchange.bundle_refused")
    assert event.details["rule"] == rule


def test_a_small_group_is_refused(member):
    small = INDICATOR | {"groups": [{"attribute": "age", "group": "60+", "n": 4}]}
    with pytest.raises(BundleRefused) as refused:
        bundle_receive(actor=None, data=_bundle(member, {"indicators": [small]}), via="file")
    assert refused.value.rule == "small_group"
    assert not BundleVersion.objects.exists()


def test_withdrawal_removes_the_content_keeps_the_receipt_and_updates_benchmarks():
    exchange_demo_seed()
    before = hub_benchmarks().cell("indicators:override_rate")
    assert before.contributors == 12
    member = Member.objects.get(slug="demo-northmarch")
    assert bundle_withdraw(actor=None, member=member) == 1
    version = member.versions.get()
    assert version.withdrawn_at is not None and version.content == {}
    after = hub_benchmarks().cell("indicators:override_rate")
    assert after.contributors == 11
    assert AuditEvent.objects.filter(action="exchange.bundle_withdrawn").exists()


def test_benchmarks_are_computed_once_per_set_of_bundles(member):
    exchange_demo_seed()
    first = hub_benchmarks()
    assert hub_benchmarks() is first, "the same bundles must not be computed again"
    bundle_receive(actor=None, data=_bundle(member), via="file")
    again = hub_benchmarks()
    assert again is not first
    assert again.cell("indicators:override_rate").contributors == 13
    Member.objects.filter(slug="demo-northmarch").update(size_band="small")
    assert hub_benchmarks() is not again, "a member's new grouping changes the cells"


def test_the_demo_hub_shows_benchmarks_comparisons_and_cases():
    assert exchange_demo_seed() == 12
    assert exchange_demo_seed() == 0
    bench = hub_benchmarks()
    assert bench.cell("indicators:review_rate").contributors == 12
    assert bench.cell("indicators:review_rate", {"size_band": "large"}).contributors == 6
    assert bench.cell("indicators:review_rate", {"region": "north"}) is None  # 4 PES
    assert len(safeguard_comparison(system="matching")) == 12
    assert {c.country for c in case_search()} >= {"FI", "LV", "TR", "KR", "MY"}


def _api(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_accepts_a_members_bundle_with_its_token(member, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "1")
    _m, _key, token = member
    response = _api(token).post(
        reverse("api_exchange_bundles"),
        json.dumps(_bundle(member)),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    cells = _api(token).get(reverse("api_exchange_benchmarks")).json()["cells"]
    assert all(c["contributors"] >= 5 for c in cells)


def test_the_api_refuses_with_the_reason_in_the_readers_language(member, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "1")
    _m, _key, token = member
    bundle = _bundle(member)
    bundle["format_version"] = 7
    response = _api(token).post(
        reverse("api_exchange_bundles"),
        json.dumps(bundle),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert response.json()["rule"] == "future_version"
    assert "version" in response.json()["detail"] and "ce hub" in response.json()["detail"]
    assert not BundleVersion.objects.exists()


def test_the_api_needs_the_exchange_scope(member, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "1")
    from openpes.web.integrations.services import token_create

    _token, other = token_create(actor=None, account_name="feed", scopes=["vacancies:write"])
    response = _api(other).post(
        reverse("api_exchange_bundles"),
        json.dumps(_bundle(member)),
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "exchange_hub",
        "exchange_benchmarks",
        "exchange_compare",
        "exchange_cases",
        "exchange_members",
    ],
)
def test_hub_pages_render_the_demo(client_for, name):
    exchange_demo_seed()
    response = client_for(Role.TEAM_LEAD).get(reverse(name))
    assert response.status_code == 200
    assert b"Exchange hub" in response.content


def test_hub_pages_are_not_found_on_a_member(client_for, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "0")
    exchange_demo_seed()
    assert client_for(Role.ADMIN).get(reverse("exchange_benchmarks")).status_code == 404


def test_the_benchmark_page_hides_a_region_of_four(client_for):
    exchange_demo_seed()
    page = client_for(Role.OVERSIGHT).get(reverse("exchange_benchmarks"), {"region": "north"})
    assert page.status_code == 200
    assert b"Not shown" in page.content


def test_the_case_library_filters_by_theme_and_country(client_for):
    exchange_demo_seed()
    page = client_for(Role.TEAM_LEAD).get(
        reverse("exchange_cases"), {"theme": "fairness", "country": "LV"}
    )
    assert "Vecuma grupu pārbaude" in page.content.decode()
    assert "Ensimmäinen" not in page.content.decode()
    bad = client_for(Role.TEAM_LEAD).get(reverse("exchange_cases"), {"theme": "weather"})
    assert bad.status_code == 400 and b"error-summary" in bad.content


def test_the_share_page_shows_what_would_be_sent(client_for, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENPES_EXCHANGE_KEY", str(tmp_path / "k.key"))
    client = client_for(Role.ADMIN)
    page = client.get(reverse("exchange_share"))
    assert page.status_code == 200 and b"Create the exchange key" in page.content
    client.post(reverse("exchange_keygen"))
    assert (tmp_path / "k.key").exists()
    refused = client.post(reverse("exchange_share"), {"action": "send"})
    assert refused.status_code == 400 and b"error-summary" in refused.content
    download = client.post(reverse("exchange_share"), {"parts": ["cases"], "action": "download"})
    assert download.status_code == 200 and json.loads(download.content)["signature"]
    assert client_for(Role.COUNSELLOR).get(reverse("exchange_share")).status_code == 403


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(
    body=json_values
    | st.fixed_dictionaries(
        {"format_version": st.just(1), "member": st.just("pes-test"), "parts": json_values}
    )
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_json_upload_is_refused_cleanly_and_stores_nothing(member, monkeypatch, body):
    monkeypatch.setenv("OPENPES_HUB", "1")
    _m, _key, token = member
    for name in ("api_exchange_bundles", "api_exchange_withdrawal"):
        response = _api(token).post(
            reverse(name), json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 422, response.content
    assert not BundleVersion.objects.exists()


def _withdrawal(member, created):
    _m, key, _t = member
    bundle = build_bundle("pes-test", {}, created=created)
    bundle["withdraw"] = True
    return sign(bundle, key)


def test_an_old_withdrawal_replayed_cannot_take_back_a_later_bundle(member):
    old = _withdrawal(member, "2026-01-01T00:00:00+00:00")
    bundle_receive(actor=None, data=_bundle(member), via="file")
    with pytest.raises(BundleRefused) as refused:
        withdrawal_receive(actor=None, data=old)
    assert refused.value.rule == "tampered"
    assert BundleVersion.objects.get().withdrawn_at is None
    # A withdrawal signed now is accepted.
    assert withdrawal_receive(actor=None, data=_withdrawal(member, None)) == 1


def test_a_withdrawal_through_another_members_account_is_refused(member, tmp_path):
    bundle_receive(actor=None, data=_bundle(member), via="file")
    other, _secret = member_register(
        actor=None,
        slug="pes-other",
        name="PES Other",
        country="fi",
        public_key=generate_key(tmp_path / "other.key"),
        region="north",
        size_band="small",
    )

    class Account:
        exchange_member = other

    with pytest.raises(BundleRefused) as refused:
        withdrawal_receive(actor=None, data=_withdrawal(member, None), account=Account())
    assert refused.value.rule == "unknown_member"
    assert BundleVersion.objects.get().withdrawn_at is None
