"""Exposure among people with comparable occupations: group gaps within strata.

A group can get fewer strong matches only because its members look for other occupations.
To compare like with like, the suggestions of the monitored period are split by the job
seeker's occupation (``stratum`` column: an ESCO occupation, ISCO group or skills cluster)
and, for each protected attribute, each group is compared with the attribute's largest group
*within* each occupation. The gap is the weighted mean of the within-stratum differences,
weighted by the group's suggestions in each stratum (the reference group standardised to the
group's occupation mix), with a normal-approximation 95% interval and a two-sided test
(Holm-adjusted over the groups of a metric). Strata where either side has fewer than
``min_stratum`` suggestions are left out; a group with no usable stratum is ``insufficient``.

The aggregation is one group-by on the engine (Polars or Spark); the arithmetic on the small
table of (stratum, group) cells is done in Polars.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from openpes.oversight._audits import TABLE_SCHEMA, empty_table
from openpes.oversight._inputs import to_polars

__all__ = ["STRATIFIED", "within_strata"]

Z = 1.959963984540054
#: The stratified metrics: the rate of strong matches and the three means, within occupation.
STRATIFIED = {
    "high_score_rate_within_occupation": "high_score",
    "score_within_occupation": "score",
    "salary_within_occupation": "salary",
    "distance_km_within_occupation": "distance_km",
}


def _holm(p: np.ndarray) -> np.ndarray:
    order = np.argsort(p)
    m = len(p)
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[index]))
        adjusted[index] = running
    return adjusted


def _p_value(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2))


def within_strata(
    frame: nw.LazyFrame[Any],
    *,
    attributes: Sequence[str],
    stratum: str = "occupation",
    min_stratum: int = 5,
    min_group_size: int = 10,
    reveal: bool = True,
) -> pl.DataFrame:
    """One row per attribute, group and stratified metric (columns of the monitor table).

    ``frame``: the monitored period's suggestions with ``stratum``, the indicator
    ``high_score`` and the measures ``score``, ``salary``, ``distance_km``.
    """
    measures = list(STRATIFIED.values())
    rows: list[dict[str, Any]] = []
    for attribute in attributes:
        cells = to_polars(
            frame.filter(~nw.col(stratum).is_null() & ~nw.col(attribute).is_null())
            .group_by(stratum, attribute)
            .agg(
                nw.len().alias("_n"),
                *[nw.col(m).cast(nw.Float64).sum().alias(f"_s_{m}") for m in measures],
                *[(nw.col(m).cast(nw.Float64) ** 2).sum().alias(f"_q_{m}") for m in measures],
                *[nw.col(m).count().alias(f"_c_{m}") for m in measures],
            )
        )
        if cells.is_empty():
            continue
        sizes = cells.group_by(attribute).agg(pl.col("_n").sum()).sort(["_n", attribute])
        reference = str(sizes[attribute][-1])
        for metric, measure in STRATIFIED.items():
            c = pl.col(f"_c_{measure}")
            stats = cells.select(
                stratum,
                pl.col(attribute).cast(pl.String).alias("group"),
                c.alias("count"),
                (pl.col(f"_s_{measure}") / c).alias("mean"),
                # Variance of one value (for a 0/1 indicator this is p(1 - p)).
                (pl.col(f"_q_{measure}") / c - (pl.col(f"_s_{measure}") / c) ** 2)
                .clip(lower_bound=0.0)
                .alias("var"),
            )
            ref = stats.filter(pl.col("group") == reference).drop("group")
            joined = stats.filter(pl.col("group") != reference).join(ref, on=stratum, suffix="_ref")
            usable = joined.filter(
                (pl.col("count") >= min_stratum) & (pl.col("count_ref") >= min_stratum)
            )
            for group in sorted(stats["group"].unique().to_list()):
                if group == reference:
                    continue
                part = usable.filter(pl.col("group") == group)
                n = int(stats.filter(pl.col("group") == group)["count"].sum())
                row: dict[str, Any] = {
                    "attribute": attribute,
                    "group": group,
                    "metric": metric,
                    "n": n,
                    "reference_group": reference,
                    "strata": part.height,
                }
                weight = part["count"].cast(pl.Float64).to_numpy()
                if part.height == 0 or weight.sum() <= 0:
                    rows.append(row)
                    continue
                w = weight / weight.sum()
                value = float((w * part["mean"].to_numpy()).sum())
                reference_value = float((w * part["mean_ref"].to_numpy()).sum())
                variance = (
                    part["var"].to_numpy() / part["count"].to_numpy()
                    + part["var_ref"].to_numpy() / part["count_ref"].to_numpy()
                )
                se = float(math.sqrt((w**2 * variance).sum()))
                difference = value - reference_value
                row.update(
                    value=value,
                    reference_value=reference_value,
                    difference=difference,
                    low=value - Z * se,
                    high=value + Z * se,
                    difference_low=difference - Z * se,
                    difference_high=difference + Z * se,
                    p_value=_p_value(difference / se) if se > 0 else (0.0 if difference else 1.0),
                    min_detectable_difference=2.8 * se,
                    n_used=int(weight.sum()),
                )
                rows.append(row)
    if not rows:
        return empty_table()
    table = pl.DataFrame(rows, infer_schema_length=None)
    for column in ("value", "reference_value", "difference", "low", "high", "p_value"):
        if column not in table.columns:
            table = table.with_columns(pl.lit(None, pl.Float64).alias(column))
    adjusted = []
    for metric in STRATIFIED:
        part = table.filter((pl.col("metric") == metric) & pl.col("p_value").is_not_null())
        if part.height:
            adjusted.append(
                part.select("attribute", "group", "metric").with_columns(
                    p_adjusted=pl.Series(_holm(part["p_value"].to_numpy()))
                )
            )
    if adjusted:
        table = table.join(pl.concat(adjusted), on=["attribute", "group", "metric"], how="left")
    suppressed = pl.col("n").fill_null(0) < min_group_size
    table = table.with_columns(suppressed.alias("suppressed"))
    if not reveal:
        hidden = ["value", "low", "high", "difference", "reference_value"]
        table = table.with_columns(
            [pl.when(suppressed).then(None).otherwise(pl.col(c)).alias(c) for c in hidden]
        )
    return pl.concat([empty_table(), table], how="diagonal_relaxed").select(list(TABLE_SCHEMA))
