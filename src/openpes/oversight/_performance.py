"""Monitor 2, performance per group: realised where outcomes are known, else estimated.

The support-needs model gives a calibrated probability ``p`` that a person is *not* back
in work within 12 months, and its high band is the decision whose errors matter. Once a
person's outcome is known it counts as it is. Before that, the person counts as ``p`` of a
positive and ``1 - p`` of a negative: the expected confusion matrix of confidence-based
performance estimation (CBPE, as in NannyML), which is unbiased when the model is
calibrated. Both enter one weighted :func:`openpes.fairness.audit` as two rows per person
(a known outcome: weight 1 on it and 0 on the other), so realised figures replace the
estimate person by person as outcomes arrive, with the same statistics either way.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl

from openpes.oversight._audits import AuditPlan
from openpes.oversight._inputs import materialise
from openpes.oversight._monitor import Context, finish, rates
from openpes.oversight._results import MonitorResult
from openpes.oversight._sums import group_sums

__all__ = ["METRICS", "expected_rows", "performance"]

#: Monitor metric -> audit metric. The high band is the decision; the outcome is "not back
#: in work within 12 months".
METRICS = {
    "tpr": "tpr",
    "fpr": "fpr",
    "ppv": "ppv",
    "accuracy": "accuracy",
    "auc": "auc",
    "brier": "brier",
    "ece": "ece",
}


def expected_rows(frame: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """Two rows per person: outcome 1 and 0, weighted by what is known or expected."""
    y = nw.col("_outcome")
    p = nw.col("probability").cast(nw.Float64)
    known = ~y.is_null()
    frame = frame.filter(~nw.col("probability").is_null())
    positive = frame.with_columns(
        nw.lit(1, nw.Int8).alias("_y"),
        nw.when(known).then(y.cast(nw.Float64)).otherwise(p).alias("_w"),
    )
    negative = frame.with_columns(
        nw.lit(0, nw.Int8).alias("_y"),
        nw.when(known).then(1 - y.cast(nw.Float64)).otherwise(1 - p).alias("_w"),
    )
    return nw.concat([positive, negative], how="vertical")


def performance(frame: nw.LazyFrame[Any], ctx: Context, *, system: str) -> MonitorResult:
    """Calibration, AUC and band error rates per group, estimated until outcomes arrive."""
    plan = AuditPlan(
        "high_band", METRICS, label="_y", score="probability", weight="_w", rows_per_person=2
    )
    found = rates(
        materialise(expected_rows(frame), ctx.engine),
        [plan],
        ctx,
        system=system,
        monitor="performance",
        # The trend leaves out the score metrics: each would cost a sort per group and month.
        history=AuditPlan(
            "high_band",
            {k: v for k, v in METRICS.items() if v not in ("auc", "brier", "ece")},
            label="_y",
            weight="_w",
            rows_per_person=2,
        ),
    )
    counts = group_sums(
        frame.filter(nw.col("_current") & ~nw.col("probability").is_null()),
        {"people": nw.len(), "estimated": nw.col("_outcome").is_null().cast(nw.Int64).sum()},
        attributes=ctx.sensitive,
        intersections=ctx.intersections,
    ).with_columns((pl.col("estimated") / pl.col("people")).alias("estimated_share"))
    if not ctx.reveal:
        small = pl.col("people") < ctx.policy.fairness.min_group_size
        counts = counts.with_columns(
            pl.when(~small).then(pl.col(c)).alias(c)
            for c in ("people", "estimated", "estimated_share")
        )
    table = found.table.join(
        counts.select("attribute", "group", "estimated_share"),
        on=["attribute", "group"],
        how="left",
    ).with_columns(
        # The calibration error of an estimate is zero by construction: show it only when
        # every outcome of the group is known.
        pl.when((pl.col("metric") == "ece") & (pl.col("estimated_share") > 0))
        .then(None)
        .otherwise(pl.col("value"))
        .alias("value")
    )
    share = counts.filter(pl.col("attribute") == "overall")["estimated_share"]
    estimated = bool(share.len() and (share[0] or 0) > 0)
    return finish(
        ctx,
        system=system,
        monitor="performance",
        table=table,
        total=found.total,
        trend=found.trend,
        tables={"outcomes": counts},
        estimated=estimated,
    )
