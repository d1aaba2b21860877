"""The hash chain behind the audit trail, in plain Python so it can be checked anywhere.

Each event's hash is the SHA-256 of its canonical content, which includes its position
and the previous event's hash. Changing, deleting or reordering any stored event
therefore breaks the chain at that event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
HASHED_FIELDS = (
    "position",
    "occurred_at",
    "actor",
    "actor_id",
    "role",
    "action",
    "subject",
    "details",
    "prev_hash",
)


def canonical_content(event: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed: sorted-key compact JSON of the hashed fields."""
    occurred_at = event["occurred_at"]
    if isinstance(occurred_at, datetime):
        occurred_at = occurred_at.astimezone(UTC).isoformat(timespec="microseconds")
    content = {name: event[name] for name in HASHED_FIELDS}
    content["occurred_at"] = occurred_at
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_content(event)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of walking the chain; ``first_bad`` is the position of the first bad event."""

    checked: int
    head_hash: str
    first_bad: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad is None


def verify_chain(events: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Walk events in position order and report the first one that breaks the chain."""
    expected_prev = GENESIS_HASH
    expected_position = 1
    checked = 0
    for event in events:
        position = event["position"]
        if position != expected_position:
            return ChainReport(
                checked,
                expected_prev,
                expected_position,
                f"event {expected_position} is missing (found event {position} in its place)",
            )
        if event["prev_hash"] != expected_prev:
            return ChainReport(
                checked,
                expected_prev,
                position,
                f"event {position} does not follow event {position - 1} "
                "(previous hash differs: deleted or reordered)",
            )
        if event_hash(event) != event["hash"]:
            return ChainReport(
                checked,
                expected_prev,
                position,
                f"event {position} was modified (its content no longer matches its hash)",
            )
        expected_prev = event["hash"]
        expected_position += 1
        checked += 1
    return ChainReport(checked, expected_prev)
