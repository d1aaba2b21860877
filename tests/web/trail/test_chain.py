from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from openpes.web.trail.chain import GENESIS_HASH, event_hash, verify_chain


def _chain(n: int) -> list[dict]:
    events, prev = [], GENESIS_HASH
    for position in range(1, n + 1):
        event = {
            "position": position,
            "occurred_at": datetime(2026, 1, 1, 12, 0, position % 60, tzinfo=UTC),
            "actor": "sam",
            "actor_id": 7,
            "role": "counsellor",
            "action": "record.viewed",
            "subject": f"jobseeker:{position}",
            "details": {"n": position, "note": "é"},
            "prev_hash": prev,
        }
        event["hash"] = prev = event_hash(event)
        events.append(event)
    return events


def test_intact_chain_verifies():
    report = verify_chain(_chain(20))
    assert report.intact and report.checked == 20


@given(st.integers(min_value=2, max_value=15), st.data())
def test_any_single_change_is_caught_at_that_event(n, data):
    events = _chain(n)
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from(["actor", "action", "subject", "details", "role"]))
    events[index][field] = {"tampered": True} if field == "details" else "tampered"
    report = verify_chain(events)
    assert report.first_bad == index + 1


@given(st.integers(min_value=3, max_value=15), st.data())
def test_deleting_or_swapping_is_caught(n, data):
    events = _chain(n)
    index = data.draw(st.integers(min_value=0, max_value=n - 2))
    deleted = events[:index] + events[index + 1 :]
    assert verify_chain(deleted).first_bad == index + 1
    swapped = list(events)
    swapped[index], swapped[index + 1] = swapped[index + 1], swapped[index]
    assert verify_chain(swapped).first_bad == index + 1


def test_hash_is_independent_of_key_order():
    event = _chain(1)[0]
    reordered = dict(reversed(list(event.items())))
    reordered["details"] = dict(reversed(list(event["details"].items())))
    assert event_hash(reordered) == event["hash"]
