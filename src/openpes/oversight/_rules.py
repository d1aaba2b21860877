"""Policy rules applied to the monitors' tables: verdicts per row, and the alerts.

A disparity rule follows the fairness verdicts (``docs/fairness.md``) with the rule's
threshold as the difference bound: ``fail`` when the gap is larger than the threshold and
significant after Holm's adjustment, ``warn`` when it is larger but not significant,
``insufficient`` for small or suppressed groups and for tests without the power to see
the threshold, ``pass`` otherwise. A level rule compares a value with its limit: ``fail``
when the whole 95% interval is beyond it, ``warn`` when only the value is. No verdict is
ever more severe than the rule's ``severity``.

Only crossings beyond chance (a ``fail`` before the severity cap) raise an alert, with the
capped verdict: a rule of severity ``warn`` raises ``warn`` alerts. A crossing that may be
chance is marked ``warn`` in the tables but raises nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from openpes.oversight._audits import OVERALL
from openpes.oversight._metrics import METRIC_SPECS
from openpes.oversight._policy import MonitorRule
from openpes.oversight._results import Alert, worst

__all__ = ["alerts_for", "judge", "rule_verdicts"]

_RANK = {"pass": 0, "insufficient": 1, "warn": 2, "fail": 3}


def _cap(verdict: pl.Expr, severity: str) -> pl.Expr:
    if severity == "fail":
        return verdict
    return pl.when(verdict == "fail").then(pl.lit("warn")).otherwise(verdict)


def rule_verdicts(table: pl.DataFrame, rule: MonitorRule, *, alpha: float) -> pl.DataFrame:
    """The rows of ``table`` this rule judges, with a ``verdict`` column."""
    spec = METRIC_SPECS[rule.metric]
    rows = table.filter(pl.col("metric") == rule.metric)
    small = (
        pl.col("suppressed").fill_null(False)
        | pl.col("value").is_null()
        | (pl.col("n").fill_null(0) < rule.min_group_size)
    )
    t = rule.threshold
    if spec.kind == "disparity":
        # The overall row and each grouping's reference group have nothing to compare.
        rows = rows.filter(pl.col("reference_group").is_not_null())
        crossed = pl.col("difference").abs() > t
        verdict = (
            pl.when(small | pl.col("difference").is_null())
            .then(pl.lit("insufficient"))
            .when(crossed & (pl.col("p_adjusted") < alpha))
            .then(pl.lit("fail"))
            .when(crossed)
            .then(pl.lit("warn"))
            .when(pl.col("min_detectable_difference").fill_null(float("inf")) > t)
            .then(pl.lit("insufficient"))
            .otherwise(pl.lit("pass"))
        )
    else:
        if spec.direction == "above":
            crossed, sure = pl.col("value") > t, pl.col("low").fill_null(pl.col("value")) > t
        else:
            crossed, sure = pl.col("value") < t, pl.col("high").fill_null(pl.col("value")) < t
        verdict = (
            pl.when(small)
            .then(pl.lit("insufficient"))
            .when(crossed & sure)
            .then(pl.lit("fail"))
            .when(crossed)
            .then(pl.lit("warn"))
            .otherwise(pl.lit("pass"))
        )
    # ``_significant``: the crossing is beyond chance (the uncapped verdict is fail); only
    # those raise alerts, so noise in a small group shows as a warning in the table only.
    return rows.with_columns(
        (verdict == "fail").alias("_significant"), _cap(verdict, rule.severity).alias("verdict")
    )


def _consecutive(
    judged: pl.DataFrame, trend: pl.DataFrame | None, rule: MonitorRule
) -> pl.DataFrame:
    """Keep the judged rows whose rule was also crossed in each of the last N months."""
    if rule.consecutive_periods <= 1:
        return judged
    if trend is None or trend.is_empty():
        return judged.head(0)
    spec = METRIC_SPECS[rule.metric]
    months = trend.filter(pl.col("metric") == rule.metric, pl.col("period") != "reference")
    last = sorted(months["period"].unique().to_list())[-rule.consecutive_periods :]
    if len(last) < rule.consecutive_periods:
        return judged.head(0)
    months = months.filter(pl.col("period").is_in(last))
    keys = judged.select("attribute", "group", "reference_group")
    monthly = keys.join(months, on=["attribute", "group"], how="inner")
    if spec.kind == "disparity":
        reference = months.select(
            "attribute",
            pl.col("group").alias("reference_group"),
            "period",
            pl.col("value").alias("_ref"),
        )
        monthly = monthly.join(reference, on=["attribute", "reference_group", "period"])
        crossed = (pl.col("value") - pl.col("_ref")).abs() > rule.threshold
    elif spec.direction == "above":
        crossed = pl.col("value") > rule.threshold
    else:
        crossed = pl.col("value") < rule.threshold
    held = (
        monthly.with_columns(crossed.fill_null(False).alias("_crossed"))
        .group_by("attribute", "group")
        .agg(pl.col("_crossed").sum().alias("_months"))
        .filter(pl.col("_months") >= rule.consecutive_periods)
    )
    return judged.join(held.select("attribute", "group"), on=["attribute", "group"], how="semi")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def alerts_for(
    judged: pl.DataFrame,
    rule: MonitorRule,
    *,
    system: str,
    monitor: str,
    trend: pl.DataFrame | None,
    total: float,
    reference_values: pl.DataFrame | None = None,
    estimated: bool = False,
) -> list[Alert]:
    """The alerts one rule raises on its judged rows (few rows: a loop is fine here)."""
    spec = METRIC_SPECS[rule.metric]
    alerts: list[Alert] = []
    if total < rule.min_group_size:
        # Too few people to monitor at all is itself something the overseer must know.
        return [
            Alert(
                system=system,
                monitor=monitor,  # type: ignore[arg-type]
                attribute=OVERALL,
                group=OVERALL,
                metric=rule.metric,
                value=None,
                low=None,
                high=None,
                reference_value=None,
                verdict="insufficient",
                rule=rule.describe(),
                severity=rule.severity,
                n=int(total),
                auto_pause=False,
                estimated=estimated,
            )
        ]
    raised = _consecutive(judged.filter(pl.col("_significant")), trend, rule)
    if spec.kind == "level" and reference_values is not None:
        raised = raised.drop("reference_value").join(
            reference_values, on=["attribute", "group", "metric"], how="left"
        )
    for row in raised.iter_rows(named=True):
        alerts.append(
            Alert(
                system=system,
                monitor=monitor,  # type: ignore[arg-type]
                attribute=row["attribute"],
                group=row["group"],
                metric=rule.metric,
                value=_float(row["value"]),
                low=_float(row["low"]),
                high=_float(row["high"]),
                reference_value=_float(row.get("reference_value")),
                verdict=row["verdict"],
                rule=rule.describe(),
                severity=rule.severity,
                reference_group=row.get("reference_group"),
                n=None if row["n"] is None else int(round(row["n"])),
                auto_pause=rule.auto_pause,
                estimated=estimated,
            )
        )
    return alerts


def judge(
    table: pl.DataFrame,
    rules: Sequence[MonitorRule],
    *,
    alpha: float,
    system: str,
    monitor: str,
    trend: pl.DataFrame | None = None,
    extra_level_rows: pl.DataFrame | None = None,
    total: float,
    min_people: int,
    estimated: bool = False,
) -> tuple[pl.DataFrame, str, list[Alert]]:
    """Apply every rule: the table with its ``verdict`` column, the monitor verdict, alerts.

    ``extra_level_rows`` (e.g. per team) are judged by level rules too. The monitor verdict
    is the worst of all row verdicts, and ``insufficient`` when there are too few people.
    """
    verdicts: list[pl.DataFrame] = []
    alerts: list[Alert] = []
    reference_values = None
    if trend is not None and not trend.is_empty():
        reference_values = trend.filter(pl.col("period") == "reference").select(
            "attribute", "group", "metric", pl.col("value").alias("reference_value")
        )
    for rule in rules:
        rows = table
        if METRIC_SPECS[rule.metric].kind == "level" and extra_level_rows is not None:
            rows = pl.concat([table, extra_level_rows], how="diagonal_relaxed")
        judged = rule_verdicts(rows, rule, alpha=alpha)
        verdicts.append(judged.select("attribute", "group", "metric", "verdict"))
        alerts.extend(
            alerts_for(
                judged,
                rule,
                system=system,
                monitor=monitor,
                trend=trend,
                total=total,
                reference_values=reference_values,
                estimated=estimated,
            )
        )
    if verdicts:
        per_row = (
            pl.concat(verdicts)
            .with_columns(pl.col("verdict").replace_strict(_RANK, return_dtype=pl.Int8).alias("_r"))
            .sort("_r")
            .group_by("attribute", "group", "metric", maintain_order=True)
            .last()
            .drop("_r")
        )
        table = table.join(per_row, on=["attribute", "group", "metric"], how="left")
        overall = worst(per_row["verdict"].to_list())
    else:
        table = table.with_columns(pl.lit(None, pl.String).alias("verdict"))
        overall = "pass"
    if total < min_people:
        overall = "insufficient"
    if reference_values is not None:
        table = table.join(
            reference_values.rename({"reference_value": "reference_period_value"}),
            on=["attribute", "group", "metric"],
            how="left",
        )
    return table, overall, alerts
