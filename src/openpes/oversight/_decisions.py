"""Monitor 3, human decisions: how counsellors decide on the system's output.

Accept, adapt and reject rates of suggestions, and override rates of the model's band by
direction (more support or less), by group of job seeker, by team and by counsellor; and
the signs of rubber-stamping: near-total agreement, and decisions taken within seconds of
the output being shown.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl

from openpes.oversight._audits import AuditPlan
from openpes.oversight._monitor import Context, finish, rates
from openpes.oversight._results import MonitorResult

__all__ = ["assessment_decisions", "suggestion_decisions"]


def _decide(
    frame: nw.LazyFrame[Any], plans: list[AuditPlan], ctx: Context, *, system: str
) -> MonitorResult:
    found = rates(frame, plans, ctx, system=system, monitor="human_decisions", organisation=True)
    org = found.organisation if found.organisation is not None else pl.DataFrame()
    by_team = org.filter(pl.col("attribute") == "team") if org.height else org
    by_counsellor = org.filter(pl.col("attribute") == "counsellor") if org.height else org
    return finish(
        ctx,
        system=system,
        monitor="human_decisions",
        table=found.table,
        total=found.total,
        trend=found.trend,
        tables={"by_team": by_team, "by_counsellor": by_counsellor},
        # Rubber-stamping is judged for the service and per team, never per counsellor:
        # this monitor supports coaching, not sanctions.
        level_rows=by_team if by_team.height else None,
    )


def suggestion_decisions(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Accept/adapt/reject rates of decided suggestions, and rubber-stamping signs."""
    # Two indicators per audit (as its prediction and its label) halve the passes.
    plans = [
        AuditPlan(
            "accept",
            {
                "accept_rate": "selection_rate",
                "agreement_rate": "selection_rate",
                "adapt_rate": "base_rate",
            },
            label="adapt",
            among="decided",
        ),
        AuditPlan(
            "reject",
            {"reject_rate": "selection_rate", "fast_decision_rate": "base_rate"},
            label="fast",
            among="decided",
        ),
    ]
    return _decide(frame, plans, ctx, system=system)


def assessment_decisions(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Override rates of the model's band by direction, and rubber-stamping signs."""
    plans = [
        AuditPlan(
            "override",
            {"override_rate": "selection_rate", "more_support_rate": "base_rate"},
            label="more_support",
            among="decided",
        ),
        AuditPlan(
            "less_support",
            {"less_support_rate": "selection_rate", "agreement_rate": "base_rate"},
            label="agreement",
            among="decided",
        ),
        AuditPlan("fast", {"fast_decision_rate": "selection_rate"}, among="decided"),
    ]
    return _decide(frame, plans, ctx, system=system)
