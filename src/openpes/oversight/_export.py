"""The run as the documented JSON contract of ``openpes oversight run``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import polars as pl

from openpes.oversight._results import Alert, MonitorResult, OversightRun

__all__ = ["ALERT_FIELDS", "SCHEMA_VERSION", "alert_to_dict", "run_to_dict"]

SCHEMA_VERSION = "1.0"
#: The fields every alert has in the JSON, in this order (more follow them).
ALERT_FIELDS = (
    "system",
    "monitor",
    "attribute",
    "group",
    "metric",
    "value",
    "low",
    "high",
    "reference_value",
    "verdict",
)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    drop = [c for c in frame.columns if c.startswith("_")]
    return [
        {k: _clean(v) for k, v in row.items()} for row in frame.drop(drop).iter_rows(named=True)
    ]


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    """One alert as JSON-ready data, the contract's fields first."""
    data = {k: _clean(v) for k, v in asdict(alert).items()}
    return {**{k: data.pop(k) for k in ALERT_FIELDS}, **data}


def _monitor(result: MonitorResult) -> dict[str, Any]:
    return {
        "monitor": result.monitor,
        "verdict": result.verdict,
        "estimated": result.estimated,
        "n": result.n,
        "note": result.note,
        "alerts": len(result.alerts),
        "table": _rows(result.table),
        "tables": {name: _rows(frame) for name, frame in sorted(result.tables.items())},
    }


def run_to_dict(
    run: OversightRun,
    *,
    statuses: Mapping[str, str] | None = None,
    tables: bool = True,
) -> dict[str, Any]:
    """The run as JSON-ready data (``json.dumps(..., allow_nan=False)`` accepts it).

    Parameters
    ----------
    run
        The result of :func:`run_monitors`.
    statuses
        Each system's status as the service knows it (``"active"``, ``"paused"``);
        systems not named are ``"active"``.
    tables
        Include every monitor's tables (False: verdicts and alerts only).

    Examples
    --------
    >>> from datetime import datetime
    >>> run = OversightRun({}, [], datetime(2026, 10, 1), datetime(2026, 11, 1),
    ...                    datetime(2026, 1, 1), datetime(2026, 2, 1))
    >>> sorted(run_to_dict(run))
    ['alerts', 'period', 'reference', 'schema_version', 'sensitive', 'systems']
    """
    statuses = statuses or {}
    systems = []
    for system, results in run.systems.items():
        monitors = [_monitor(r) for r in results]
        if not tables:
            for m in monitors:
                m.pop("table")
                m.pop("tables")
        systems.append(
            {
                "id": system,
                "status": statuses.get(system, "active"),
                "verdict": run.verdict(system),
                "monitors": monitors,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "period": {"start": run.period_start.isoformat(), "end": run.period_end.isoformat()},
        "reference": {
            "start": run.reference_start.isoformat(),
            "end": run.reference_end.isoformat(),
        },
        "sensitive": list(run.sensitive),
        "systems": systems,
        "alerts": [alert_to_dict(a) for a in run.alerts],
    }
