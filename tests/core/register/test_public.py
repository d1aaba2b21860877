"""The public form of a record: no group or rate over fewer than 10 people."""

from __future__ import annotations

import json

import pytest

from openpes.exchange import MIN_GROUP
from openpes.register import (
    MIN_PUBLIC,
    GroupPerformance,
    LiveFacts,
    Record,
    public_live,
    public_record,
    record_from_dict,
    record_to_dict,
    to_atrs,
    to_nl_algoritmeregister,
)

GROUPS = (
    GroupPerformance("origin", "eu", MIN_PUBLIC, 0.31, 0.1, 0.2),
    GroupPerformance("origin", "non_eu", MIN_PUBLIC - 1, 0.93, 0.4, 0.5),
)


def _live(decisions: int | None, **kwargs) -> LiveFacts:
    return LiveFacts(
        "2026-01-05",
        groups=GROUPS,
        decisions=decisions,
        override_rate=None if decisions is None else 0.5,
        review_requests=None if decisions is None else 1,
        review_rate=None if decisions is None else 0.25,
        **kwargs,
    )


def test_the_public_form_passes_the_hubs_anonymity_check():
    # The exchange bundle sends the register's public form as it is.
    assert MIN_PUBLIC >= MIN_GROUP


@pytest.mark.parametrize(
    ("decisions", "rates", "withheld"),
    [
        (None, (None, None), False),
        (0, (0.5, 0.25), False),  # no rate to hide; the text says "no decisions yet"
        (MIN_PUBLIC - 1, (None, None), True),
        (MIN_PUBLIC, (0.5, 0.25), False),
    ],
)
def test_rates_over_few_decisions_are_withheld(decisions, rates, withheld):
    live = _live(decisions)
    if decisions == 0:
        live = LiveFacts("2026-01-05", decisions=0, review_requests=0)
        rates = (None, None)
    shown = public_live(live)
    assert (shown.override_rate, shown.review_rate) == rates
    assert shown.rates_withheld is withheld
    assert shown.decisions == live.decisions


def test_small_groups_are_withheld_and_counted_once():
    shown = public_live(_live(MIN_PUBLIC))
    assert [g.group for g in shown.groups] == ["eu"] and shown.groups_withheld == 1
    assert public_live(shown) == shown
    assert public_live(None) is None


def test_a_stored_public_record_reads_back_the_same():
    record = public_record(Record("m", {"en": "M"}, {"en": "P"}, live=_live(3)))
    again = record_from_dict(json.loads(json.dumps(record_to_dict(record))))
    assert again == record and public_record(again) == again


@pytest.mark.parametrize("language", ["en", "fr", "nl", "ko"])
def test_exports_of_the_public_form_say_what_is_left_out(language):
    record = public_record(
        Record(
            "m",
            {"en": "M"},
            {"en": "P"},
            organisation="PES",
            contact_email="ai@pes.example",
            live=_live(3),
        )
    )
    for text in (
        json.dumps(to_atrs(record, language=language), ensure_ascii=False),
        json.dumps(to_nl_algoritmeregister(record), ensure_ascii=False),
    ):
        assert "non_eu" not in text and "93" not in text
        assert "origin = eu" in text
        assert str(MIN_PUBLIC) in text  # the notes name the minimum
