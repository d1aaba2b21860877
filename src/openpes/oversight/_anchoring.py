"""Monitor 4, anchoring: do counsellors move from their own view towards the model's?

In counsellor-first mode the counsellor records a band before seeing the model's. Among
cases where the two differed, the anchoring rate is the share whose final band is closer
to the model's band than the counsellor's own was: direct evidence on automation bias
(AI Act Art. 14(4)(b)).
"""

from __future__ import annotations

from typing import Any

import narwhals as nw

from openpes.oversight._audits import AuditPlan
from openpes.oversight._monitor import Context, finish, rates
from openpes.oversight._results import MonitorResult

__all__ = ["anchoring"]


def anchoring(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Share of disagreements resolved towards the model, by group of job seeker."""
    plans = [AuditPlan("anchored", {"anchoring_rate": "selection_rate"}, among="disagreed")]
    found = rates(frame, plans, ctx, system=system, monitor="anchoring")
    return finish(
        ctx,
        system=system,
        monitor="anchoring",
        table=found.table,
        total=found.total,
        trend=found.trend,
    )
