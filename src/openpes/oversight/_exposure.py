"""Monitor 1, exposure: what the system gives each group.

For suggestions: how many each group receives, their mean score, salary and distance,
and the share of strong matches (an audited rate); with an ``occupation`` column, the same
compared among people with comparable occupations (``_strata``). For the support-needs model: the
share of each band by group.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl

from openpes.oversight._audits import AuditPlan
from openpes.oversight._monitor import Context, finish, rates
from openpes.oversight._results import MonitorResult
from openpes.oversight._strata import within_strata
from openpes.oversight._sums import group_sums, mean_table, measure_sums

__all__ = ["band_exposure", "suggestion_exposure"]

MEASURES = ("score", "salary", "distance_km")
#: The optional column of comparable occupations (ESCO occupation, ISCO group or cluster).
STRATUM = "occupation"
# The national occupation codes of the person's occupation, when a scheme is in use: exposure
# is then reported by national code too, and crossed with each protected attribute.
NATIONAL = "national_code"


def suggestion_exposure(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Exposure of a suggestion system's output by group and intersection."""
    plans = [AuditPlan("high_score", {"high_score_rate": "selection_rate"})]
    found = rates(frame, plans, ctx, system=system, monitor="exposure")
    sums = {**measure_sums(MEASURES), "people": nw.col("person_id").n_unique()}
    national = [NATIONAL] if NATIONAL in frame.collect_schema().names() else []
    means = mean_table(
        group_sums(
            frame.filter(nw.col("_current")),
            sums,
            attributes=[*ctx.sensitive, *national],
            intersections=ctx.intersections,
        ),
        MEASURES,
        min_group_size=ctx.policy.fairness.min_group_size,
        reveal=ctx.reveal,
    )
    table = found.table
    if STRATUM in frame.collect_schema().names():
        # Gaps among people with comparable occupations (see ``_strata``).
        within = within_strata(
            frame.filter(nw.col("_current")),
            attributes=ctx.sensitive,
            stratum=STRATUM,
            min_group_size=ctx.policy.fairness.min_group_size,
            reveal=ctx.reveal,
        )
        table = pl.concat([table, within], how="diagonal_relaxed")
    return finish(
        ctx,
        system=system,
        monitor="exposure",
        table=table,
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
