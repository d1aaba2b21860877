"""A record as JSON and back, for frozen publications and the ``json`` export."""

from __future__ import annotations

import dataclasses
from typing import Any

from openpes.register._record import (
    DataCategory,
    GroupPerformance,
    Link,
    LiveFacts,
    MonitorVerdict,
    Record,
    Risk,
)

__all__ = ["record_from_dict", "record_to_dict"]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record_to_dict(record: Record) -> dict[str, Any]:
    """The record (with its live facts) as plain JSON values.

    Examples
    --------
    >>> data = record_to_dict(Record("m", {"en": "M"}, {"en": "P"}, live=LiveFacts("2026-01-01")))
    >>> data["id"], data["live"]["as_of"], record_from_dict(data) == Record(
    ...     "m", {"en": "M"}, {"en": "P"}, live=LiveFacts("2026-01-01"))
    ('m', '2026-01-01', True)
    """
    return _plain(dataclasses.asdict(record))


def record_from_dict(data: dict[str, Any]) -> Record:
    """The record that :func:`record_to_dict` wrote."""
    values = dict(data)
    values["lawful_basis_links"] = tuple(Link(**x) for x in values.get("lawful_basis_links", ()))
    values["data"] = tuple(DataCategory(**x) for x in values.get("data", ()))
    values["risks"] = tuple(Risk(**x) for x in values.get("risks", ()))
    values["themes"] = tuple(values.get("themes", ()))
    values["tags"] = tuple(values.get("tags", ()))
    live = values.get("live")
    if live is not None:
        live = dict(live)
        live["groups"] = tuple(GroupPerformance(**g) for g in live.get("groups", ()))
        if live.get("monitor_verdicts") is not None:
            live["monitor_verdicts"] = tuple(MonitorVerdict(**m) for m in live["monitor_verdicts"])
        if live.get("training_period") is not None:
            live["training_period"] = tuple(live["training_period"])
        values["live"] = LiveFacts(**live)
    return Record(**values)
