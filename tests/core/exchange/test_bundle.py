import copy
import json
import os
import stat

import pytest

from openpes.errors import InputError
from openpes.exchange import (
    FORMAT_VERSION,
    BundleRefused,
    build_bundle,
    canonical_json,
    generate_key,
    load_private_key,
    receive,
    sign,
)


def _indicator(**over):
    item = {
        "system": "support-needs",
        "people": 120,
        "override_rate": 0.2,
        "review_rate": 0.05,
        "reviews": 12,
        "review_outcomes": {"upheld": 8, "changed": 4},
        "alerts": 1,
        "pauses": 0,
        "groups": [{"attribute": "gender", "group": "women", "n": 60}],
    }
    return item | over


CASE = {
    "title": "First interviews",
    "problem": "Long waits",
    "approach": "Counsellor first",
    "result": "Shorter waits",
    "lessons": "Train early",
    "language": "fi",
    "theme": "counselling",
    "country": "FI",
    "summary_en": "",
}


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "var" / "exchange.key"
    public = generate_key(path)
    return path, public


def _signed(key, parts=None, member="pes-a"):
    path, _public = key
    return sign(
        build_bundle(member, parts or {"indicators": [_indicator()], "cases": [CASE]}),
        load_private_key(path),
    )


def test_key_file_is_private_and_not_overwritten(key):
    path, public = key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert public.startswith("ed25519:")
    with pytest.raises(InputError):
        generate_key(path)
    assert generate_key(path, overwrite=True) != public


def test_a_signed_bundle_is_accepted(key):
    bundle = receive(json.dumps(_signed(key)), members={"pes-a": key[1]})
    assert bundle.member == "pes-a" and bundle.parts["cases"][0]["theme"] == "counselling"
    assert len(bundle.digest) == 64


def test_canonical_json_ignores_key_order():
    assert canonical_json({"a": 1, "b": [2]}) == canonical_json({"b": [2], "a": 1})


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["parts"]["indicators"][0].update(override_rate=0.01),
        lambda b: b.update(created="2020-01-01T00:00:00+00:00"),
        lambda b: b["parts"].pop("cases"),
        lambda b: b.pop("signature"),
    ],
)
def test_a_tampered_bundle_is_refused(key, change):
    bundle = copy.deepcopy(_signed(key))
    change(bundle)
    with pytest.raises(BundleRefused) as refused:
        receive(bundle, members={"pes-a": key[1]})
    assert refused.value.rule == "tampered"
    assert "signature" in refused.value.translate("en")
    assert refused.value.translate("fr") != refused.value.translate("en")


def test_another_members_key_is_tampering(key, tmp_path):
    other = generate_key(tmp_path / "other.key")
    with pytest.raises(BundleRefused) as refused:
        receive(_signed(key), members={"pes-a": other})
    assert refused.value.rule == "tampered"


def test_an_unknown_member_is_refused(key):
    with pytest.raises(BundleRefused) as refused:
        receive(_signed(key, member="pes-x"), members={"pes-a": key[1]})
    assert refused.value.rule == "unknown_member"
    assert "pes-x" in refused.value.translate("de")


@pytest.mark.parametrize(
    "indicator",
    [
        _indicator(groups=[{"attribute": "age", "group": "50+", "n": 9}]),
        _indicator(people=9),
        _indicator(reviews=3),
    ],
)
def test_a_group_below_ten_is_refused_even_when_signed(key, indicator):
    with pytest.raises(BundleRefused) as refused:
        receive(_signed(key, {"indicators": [indicator]}), members={"pes-a": key[1]})
    assert refused.value.rule == "small_group"
    assert refused.value.translate("nl") != refused.value.translate("en")


def test_small_counts_without_rates_or_outcomes_are_fine(key):
    quiet = _indicator(
        people=3, override_rate=None, review_rate=None, reviews=2, review_outcomes={}, groups=[]
    )
    receive(_signed(key, {"indicators": [quiet]}), members={"pes-a": key[1]})


def test_a_future_format_version_is_refused(key):
    bundle = _signed(key)
    bundle["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(BundleRefused) as refused:
        receive(bundle, members={"pes-a": key[1]})
    assert refused.value.rule == "future_version"
    assert refused.value.translate("es") != refused.value.translate("en")


@pytest.mark.parametrize("data", [b"not json", b"[]", b'{"format_version": "1"}'])
def test_unreadable_bundles_are_malformed(data):
    with pytest.raises(BundleRefused) as refused:
        receive(data, members={})
    assert refused.value.rule == "malformed"


def test_a_case_needs_a_known_theme(key):
    with pytest.raises(BundleRefused) as refused:
        receive(_signed(key, {"cases": [CASE | {"theme": "weather"}]}), members={"pes-a": key[1]})
    assert refused.value.rule == "malformed"
    assert "cases[0].theme" in str(refused.value)


def test_unknown_parts_are_not_built():
    with pytest.raises(InputError):
        build_bundle("pes-a", {"salaries": []})


def test_a_missing_key_says_how_to_make_one(tmp_path):
    with pytest.raises(InputError, match="keygen"):
        load_private_key(tmp_path / "none.key")


def test_a_refused_count_reads_in_the_languages_own_plural_form(key):
    def refusal(people: int) -> BundleRefused:
        # The sender's own check refuses it already, with the same message as the hub's.
        with pytest.raises(BundleRefused) as refused:
            _signed(key, {"indicators": [_indicator(people=people)]})
        return refused.value

    one, two = refusal(1), refusal(2)
    assert "rates over 1 person;" in one.translate("en")
    assert "rates over 2 people;" in two.translate("en")
    assert "des taux sur 1 personne ;" in one.translate("fr")
    assert "des taux sur 2 personnes ;" in two.translate("fr")
    assert "rādītāji par 1 personu;" in one.translate("lv")
    assert "rādītāji par 2 personām;" in two.translate("lv")
