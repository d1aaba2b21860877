"""Group statistics of one indicator, computed by :func:`openpes.fairness.audit`.

Every rate a monitor shows (an override rate, a band share, an error rate) is an audit of
a 0/1 indicator column: the audit's selection rate is the indicator's rate per group, with
its Wilson interval, and its disparities give the difference from the reference group with
Newcombe's interval, the Holm-adjusted test and the minimum detectable difference. This
module turns audits into the monitors' long tables (one row per group and metric).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import polars as pl

from openpes.fairness import Audit, Bound, Policy, audit
from openpes.oversight._inputs import PERIOD

__all__ = [
    "OVERALL",
    "TABLE_SCHEMA",
    "AuditPlan",
    "empty_table",
    "group_labels",
    "history_table",
    "long_table",
    "run_audit",
]

OVERALL = "overall"
#: Columns of every monitor table; level metrics leave the comparison columns null.
TABLE_SCHEMA: dict[str, Any] = {
    "attribute": pl.String,
    "group": pl.String,
    "n": pl.Float64,
    "metric": pl.String,
    "value": pl.Float64,
    "low": pl.Float64,
    "high": pl.Float64,
    "reference_group": pl.String,
    "reference_value": pl.Float64,
    "difference": pl.Float64,
    "difference_low": pl.Float64,
    "difference_high": pl.Float64,
    "p_adjusted": pl.Float64,
    "min_detectable_difference": pl.Float64,
    "suppressed": pl.Boolean,
}


def empty_table() -> pl.DataFrame:
    """A monitor table without rows."""
    return pl.DataFrame(schema=TABLE_SCHEMA)


@dataclass(frozen=True)
class AuditPlan:
    """What to audit: ``label``/``prediction``/``score`` columns and the metrics to keep.

    ``metrics`` maps the monitor's metric name to the audit's metric column, e.g.
    ``{"less_support_rate": "selection_rate"}``. ``among`` names a 0/1 column that selects
    the denominator (e.g. decided cases only).
    """

    prediction: str
    metrics: Mapping[str, str]
    label: str | None = None
    score: str | None = None
    weight: str | None = None
    among: str | None = None
    #: Rows per person in the audited frame (2 for the performance estimate's copies).
    rows_per_person: int = 1


def run_audit(
    frame: nw.LazyFrame[Any],
    plan: AuditPlan,
    *,
    attributes: Sequence[str],
    intersections: int,
    policy: Policy,
    bounds: Mapping[str, float],
    engine: str,
) -> Audit | None:
    """Audit ``frame`` (already restricted to the rows wanted); None when it is empty."""
    if plan.among:
        frame = frame.filter(nw.col(plan.among) == 1)
    native = nw.to_native(frame)
    if engine == "polars":
        native = native.collect()
        if native.height == 0:
            return None
    elif native.limit(1).count() == 0:
        return None
    fairness_policy = Policy(
        bounds={m: Bound(difference=d) for m, d in bounds.items()},
        alpha=policy.alpha,
        correction=policy.correction,
        min_group_size=policy.min_group_size * plan.rows_per_person,
        favourable_prediction=policy.favourable_prediction,
    )
    return audit(
        native,
        label=plan.label or plan.prediction,
        prediction=plan.prediction,
        score=plan.score,
        weight=plan.weight,
        sensitive=list(attributes),
        intersections=min(intersections, len(attributes)),
        policy=fairness_policy,
        engine=engine,  # type: ignore[arg-type]
    )


def group_labels(column: str, attributes: Sequence[str]) -> pl.Expr:
    """``F × 50+`` from an audit's attributes struct; ``overall`` for everyone."""
    parts = [pl.col(column).struct.field(a) for a in attributes]
    label = pl.concat_str(parts, separator=" × ", ignore_nulls=True)
    return pl.when(label == "").then(pl.lit(OVERALL)).otherwise(label)


def _groups(result: Audit, reveal: bool, rows_per_person: int) -> pl.DataFrame:
    groups = result.groups_unsuppressed() if reveal else result.groups
    # Weighted audits (the performance estimate) count people as the sum of weights.
    return groups.with_columns(pl.col("n").cast(pl.Float64))


def long_table(
    result: Audit | None,
    plan: AuditPlan,
    *,
    attributes: Sequence[str],
    reveal: bool,
) -> pl.DataFrame:
    """One row per group and metric, with its comparison when the audit made one."""
    if result is None:
        return empty_table()
    groups = _groups(result, reveal, plan.rows_per_person).with_columns(
        pl.col("grouping").alias("attribute"), group_labels("attributes", attributes).alias("group")
    )
    frames = []
    for name, column in plan.metrics.items():
        part = groups.select(
            "attribute",
            "group",
            "n",
            pl.lit(name).alias("metric"),
            pl.col(column).cast(pl.Float64).alias("value"),
            pl.col(f"{column}_ci_low").cast(pl.Float64).alias("low"),
            pl.col(f"{column}_ci_high").cast(pl.Float64).alias("high"),
            "suppressed",
        )
        comparisons = result.disparities.filter(pl.col("metric") == column).select(
            pl.col("grouping").cast(pl.String).alias("attribute"),
            group_labels("attributes", attributes).cast(pl.String).alias("group"),
            group_labels("reference", attributes).cast(pl.String).alias("reference_group"),
            pl.col("reference_value").cast(pl.Float64),
            pl.col("difference").cast(pl.Float64),
            pl.col("difference_ci_low").cast(pl.Float64).alias("difference_low"),
            pl.col("difference_ci_high").cast(pl.Float64).alias("difference_high"),
            pl.col("p_adjusted").cast(pl.Float64),
            pl.col("min_detectable_difference").cast(pl.Float64),
        )
        frames.append(part.join(comparisons, on=["attribute", "group"], how="left"))
    return pl.concat(frames).select(list(TABLE_SCHEMA)).cast(TABLE_SCHEMA)  # type: ignore[arg-type]


def history_table(
    result: Audit | None,
    plan: AuditPlan,
    *,
    attributes: Sequence[str],
    reveal: bool,
) -> pl.DataFrame:
    """Per-period values (``period``: ``reference`` or ``YYYY-MM``) of an audit by period.

    ``result`` audited ``[*attributes, _period]``; groupings without the period mix both
    windows and are dropped.
    """
    schema = {
        "attribute": pl.String,
        "group": pl.String,
        "period": pl.String,
        "n": pl.Float64,
        "metric": pl.String,
        "value": pl.Float64,
        "low": pl.Float64,
        "high": pl.Float64,
    }
    if result is None:
        return pl.DataFrame(schema=schema)
    groups = _groups(result, reveal, plan.rows_per_person)
    period = pl.col("attributes").struct.field(PERIOD)
    groups = groups.filter(period.is_not_null()).with_columns(
        pl.col("grouping")
        .str.replace(f" × {PERIOD}", "", literal=True)
        .str.replace(PERIOD, OVERALL, literal=True)
        .alias("attribute"),
        group_labels("attributes", [a for a in attributes if a != PERIOD]).alias("group"),
        pl.when(period == "reference")
        .then(period)
        .otherwise(period.str.slice(0, 4) + "-" + period.str.slice(4, 2))
        .alias("period"),
    )
    frames = [
        groups.select(
            "attribute",
            "group",
            "period",
            "n",
            pl.lit(name).alias("metric"),
            pl.col(column).cast(pl.Float64).alias("value"),
            pl.col(f"{column}_ci_low").cast(pl.Float64).alias("low"),
            pl.col(f"{column}_ci_high").cast(pl.Float64).alias("high"),
        )
        for name, column in plan.metrics.items()
    ]
    return pl.concat(frames).cast(schema).sort("metric", "attribute", "group", "period")  # type: ignore[arg-type]
