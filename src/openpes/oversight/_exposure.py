"""Monitor 1, exposure: what the system gives each group.

For suggestions: how many each group receives, their mean score, salary and distance,
and the share of strong matches (an audited rate). For the support-needs model: the
share of each band by group.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw

from openpes.oversight._audits import AuditPlan
from openpes.oversight._monitor import Context, finish, rates
from openpes.oversight._results import MonitorResult
from openpes.oversight._sums import group_sums, mean_table, measure_sums

__all__ = ["band_exposure", "suggestion_exposure"]

MEASURES = ("score", "salary", "distance_km")


def suggestion_exposure(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Exposure of a suggestion system's output by group and intersection."""
    plans = [AuditPlan("high_score", {"high_score_rate": "selection_rate"})]
    found = rates(frame, plans, ctx, system=system, monitor="exposure")
    sums = {**measure_sums(MEASURES), "people": nw.col("person_id").n_unique()}
    means = mean_table(
        group_sums(
            frame.filter(nw.col("_current")),
            sums,
            attributes=ctx.sensitive,
            intersections=ctx.intersections,
        ),
        MEASURES,
        min_group_size=ctx.policy.fairness.min_group_size,
        reveal=ctx.reveal,
    )
    return finish(
        ctx,
        system=system,
        monitor="exposure",
        table=found.table,
        total=found.total,
        trend=found.trend,
        tables={"means": means},
    )


def band_exposure(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Share of the model's high and low support-needs bands by group."""
    plans = [
        AuditPlan(
            "high_band",
            {"high_band_rate": "selection_rate", "low_band_rate": "base_rate"},
            label="low_band",
        )
    ]
    found = rates(frame, plans, ctx, system=system, monitor="exposure")
    return finish(
        ctx,
        system=system,
        monitor="exposure",
        table=found.table,
        total=found.total,
        trend=found.trend,
    )
