"""Monitor results as JSON-ready data and back, so a report is built when it is read.

Building a report formats every figure in the reader's language; a run's results are
therefore stored as plain data (tables as Arrow IPC, base64) and a monitor's document is
built from them in a language on first reading, not in every language at every run.
"""

from __future__ import annotations

import base64
import io
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

import polars as pl

from openpes.oversight._results import Alert, MonitorResult, OversightRun

__all__ = ["result_from_data", "result_to_data", "run_from_results"]


def _table_out(table: pl.DataFrame) -> str:
    buffer = io.BytesIO()
    table.write_ipc(buffer, compression="zstd")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _table_in(text: str) -> pl.DataFrame:
    return pl.read_ipc(io.BytesIO(base64.b64decode(text)))


def result_to_data(result: MonitorResult) -> dict[str, Any]:
    """One monitor's result as JSON-ready data (see :func:`result_from_data`).

    Examples
    --------
    >>> import polars as pl
    >>> r = MonitorResult("matching", "exposure", "pass", pl.DataFrame({"n": [12]}), n=12)
    >>> result_from_data(result_to_data(r)).table["n"].to_list()
    [12]
    """
    return {
        "system": result.system,
        "monitor": result.monitor,
        "verdict": result.verdict,
        "estimated": result.estimated,
        "n": result.n,
        "note": result.note,
        "table": _table_out(result.table),
        "tables": {name: _table_out(t) for name, t in result.tables.items()},
        "alerts": [asdict(a) for a in result.alerts],
    }


def result_from_data(data: dict[str, Any]) -> MonitorResult:
    """The result that :func:`result_to_data` stored."""
    known = {f.name for f in fields(Alert)}
    return MonitorResult(
        system=data["system"],
        monitor=data["monitor"],
        verdict=data["verdict"],
        table=_table_in(data["table"]),
        estimated=bool(data.get("estimated", False)),
        n=int(data.get("n", 0)),
        tables={name: _table_in(t) for name, t in data.get("tables", {}).items()},
        alerts=tuple(Alert(**{k: v for k, v in a.items() if k in known}) for a in data["alerts"]),
        note=data.get("note"),
    )


def run_from_results(
    results: list[MonitorResult],
    *,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    sensitive: tuple[str, ...] = (),
    engine: str = "polars",
) -> OversightRun:
    """A run made of some stored results, e.g. to build one monitor's document."""
    systems: dict[str, list[MonitorResult]] = {}
    for result in results:
        systems.setdefault(result.system, []).append(result)
    return OversightRun(
        systems=systems,
        alerts=[a for r in results for a in r.alerts],
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        sensitive=sensitive,
        engine=engine,
    )
