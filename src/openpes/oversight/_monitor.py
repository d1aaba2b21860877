"""What every monitor shares: the run's settings, rate audits per window, the verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import polars as pl

from openpes.oversight._audits import (
    AuditPlan,
    empty_table,
    history_table,
    long_table,
    run_audit,
)
from openpes.oversight._inputs import PERIOD
from openpes.oversight._metrics import METRIC_SPECS
from openpes.oversight._policy import OversightPolicy
from openpes.oversight._results import MonitorResult
from openpes.oversight._rules import judge

__all__ = ["Context", "Rates", "finish", "rates"]

ORGANISATION = ("team", "counsellor")


@dataclass(frozen=True)
class Context:
    """The settings every monitor of a run reads."""

    sensitive: tuple[str, ...]
    intersections: int
    policy: OversightPolicy
    engine: str
    reveal: bool


@dataclass(frozen=True)
class Rates:
    """A monitor's rates: this period by group, per period, and by team and counsellor."""

    table: pl.DataFrame
    trend: pl.DataFrame
    organisation: pl.DataFrame | None
    total: float


def _bounds(ctx: Context, system: str, monitor: str, plan: AuditPlan) -> dict[str, float]:
    """Audit bounds so the audit compares each ruled metric (the tightest rule's threshold)."""
    rules = [
        r
        for r in ctx.policy.rules_for(system, monitor)
        if METRIC_SPECS[r.metric].kind == "disparity"
    ]
    bounds: dict[str, float] = {}
    for name, column in plan.metrics.items():
        thresholds = [r.threshold for r in rules if r.metric == name]
        if column in bounds and thresholds:
            thresholds.append(bounds[column])
        if column in ("auc", "brier", "ece"):
            continue
        # Unruled rates are still compared (shown with their interval), at a nominal 5 points.
        bounds[column] = min(thresholds, default=0.05)
    return bounds


def rates(
    frame: nw.LazyFrame[Any],
    plans: Sequence[AuditPlan],
    ctx: Context,
    *,
    system: str,
    monitor: str,
    organisation: bool = False,
    history: AuditPlan | None = None,
) -> Rates:
    """Audit each plan on the monitored period, per period, and (optionally) per team.

    ``history`` replaces the (single) plan for the trend by period.
    """
    fairness = ctx.policy.fairness
    current = frame.filter(nw.col("_current"))
    tables, trends, orgs = [], [], []
    total = 0.0
    for plan in plans:
        bounds = _bounds(ctx, system, monitor, plan)
        now = run_audit(
            current,
            plan,
            attributes=ctx.sensitive,
            intersections=ctx.intersections,
            policy=fairness,
            bounds=bounds,
            engine=ctx.engine,
        )
        tables.append(long_table(now, plan, attributes=ctx.sensitive, reveal=ctx.reveal))
        if now is not None:
            total = max(total, float(now.n))
        by_period = [*ctx.sensitive, PERIOD]
        by_period_plan = history or plan
        trend = run_audit(
            frame,
            by_period_plan,
            attributes=by_period,
            intersections=ctx.intersections + 1,
            policy=fairness,
            bounds={},
            engine=ctx.engine,
        )
        trends.append(history_table(trend, by_period_plan, attributes=by_period, reveal=ctx.reveal))
        if organisation:
            org = run_audit(
                current,
                plan,
                attributes=ORGANISATION,
                intersections=1,
                policy=fairness,
                bounds={},
                engine=ctx.engine,
            )
            orgs.append(long_table(org, plan, attributes=ORGANISATION, reveal=ctx.reveal))
    return Rates(
        table=pl.concat(tables) if tables else empty_table(),
        trend=pl.concat(trends),
        organisation=pl.concat(orgs) if orgs else None,
        total=total,
    )


def finish(
    ctx: Context,
    *,
    system: str,
    monitor: str,
    table: pl.DataFrame,
    total: float,
    trend: pl.DataFrame | None = None,
    tables: dict[str, pl.DataFrame] | None = None,
    level_rows: pl.DataFrame | None = None,
    estimated: bool = False,
    note: str | None = None,
) -> MonitorResult:
    """Judge the monitor's table by the policy's rules and wrap it up."""
    judged, verdict, alerts = judge(
        table,
        ctx.policy.rules_for(system, monitor),
        alpha=ctx.policy.fairness.alpha,
        system=system,
        monitor=monitor,
        trend=trend,
        extra_level_rows=level_rows,
        total=total,
        min_people=ctx.policy.fairness.min_group_size,
        estimated=estimated,
    )
    extra = dict(tables or {})
    if trend is not None:
        extra["trend"] = trend
    return MonitorResult(
        system=system,
        monitor=monitor,  # type: ignore[arg-type]
        verdict=verdict,  # type: ignore[arg-type]
        table=judged,
        estimated=estimated,
        n=int(round(total)),
        tables=extra,
        alerts=tuple(alerts),
        note=note,
    )
