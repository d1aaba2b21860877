"""Every reported group, summed from the finest cells, with its metrics and intervals."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import combinations

import numpy as np
import polars as pl

from openpes.fairness._cells import normalise_keys
from openpes.fairness._intervals import wilson
from openpes.fairness._metrics import CELLS, RATE_METRICS, SCORE_METRICS, rate_parts
from openpes.fairness._ranking import ScoreRanking

__all__ = ["OVERALL", "group_table", "groupings"]

#: Name of the grouping that holds the whole population.
OVERALL = "overall"
_ONE = "_all"


def groupings(sensitive: tuple[str, ...], intersections: int) -> list[tuple[str, ...]]:
    """Every combination of up to ``intersections`` sensitive attributes, smallest first.

    Examples
    --------
    >>> groupings(("sex", "age"), 2)
    [('sex',), ('age',), ('sex', 'age')]
    """
    return [
        combo
        for size in range(1, min(intersections, len(sensitive)) + 1)
        for combo in combinations(sensitive, size)
    ]


def grouping_name(attrs: tuple[str, ...]) -> str:
    """Display name of a grouping: ``sex × age_band``."""
    return " × ".join(attrs) if attrs else OVERALL


def _calibration_error(calibration: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Expected calibration error over 10 equal-width bins, per group of ``keys``."""
    positive = pl.col("_label") == 1
    return (
        calibration.group_by([*keys, "_bin"])
        .agg(
            pl.col("w").sum(),
            pl.col("ws").sum(),
            pl.col("w").filter(positive).sum().alias("wy"),
        )
        .group_by(keys)
        .agg(((pl.col("ws") - pl.col("wy")).abs().sum() / pl.col("w").sum()).alias("ece"))
    )


def group_table(
    cells: pl.DataFrame,
    calibration: pl.DataFrame | None,
    ranking: pl.DataFrame | None,
    ranking_keys: pl.DataFrame | None,
    sensitive: tuple[str, ...],
    intersections: int,
    *,
    confidence: float = 0.95,
) -> pl.DataFrame:
    """All groups with counts, rates, Wilson intervals and score metrics (unsuppressed).

    Columns: ``grouping``, ``attributes`` (a struct over all sensitive attributes, null
    where the attribute is not part of the grouping), ``rows``, ``n``, ``tp``, ``fp``,
    ``tn``, ``fn``, the squared-weight sums ``*_w2``, and per metric ``<m>``,
    ``<m>_ci_low``, ``<m>_ci_high``.
    """
    sums = [pl.col("rows").sum(), *(pl.col(c).sum() for c in CELLS)]
    sums += [pl.col(f"{c}_w2").sum() for c in CELLS]
    scored = ranking is not None and ranking_keys is not None
    if ranking is not None and ranking_keys is not None:
        sums.append(pl.col("brier_sum").sum())
        ranks = ScoreRanking(ranking, ranking_keys, cells, sensitive)
        if calibration is None:
            calibration = ranks.calibration_table()
        calibration = normalise_keys(calibration, sensitive).with_columns(
            pl.col("_label").cast(pl.Int8), pl.lit(OVERALL).alias(_ONE)
        )
    base = cells.with_columns(pl.lit(OVERALL).alias(_ONE))
    every = [(), *groupings(sensitive, intersections)]
    sums_of = [base.group_by(list(attrs) or [_ONE]).agg(sums) for attrs in every]
    numbered_of = [
        part.select(list(attrs) or [_ONE]).with_row_index("_group")
        for attrs, part in zip(every, sums_of, strict=True)
    ]
    auc_of: list[np.ndarray | None] = [None] * len(every)
    if calibration is not None and ranking is not None:
        # Group number of each finest cell, in the order of `cells`, per grouping.
        group_of_cell = [
            base.join(numbered, on=list(attrs) or [_ONE], how="left", maintain_order="left")[
                "_group"
            ]
            .to_numpy()
            .astype(np.int64)
            for attrs, numbered in zip(every, numbered_of, strict=True)
        ]
        # The overall grouping first, alone: it tells whether any scores are tied.
        auc_of[0] = ranks.auc(group_of_cell[0], 1)
        # The sorts release the GIL, so two groupings at a time use both cores.
        with ThreadPoolExecutor(max_workers=2) as pool:
            auc_of[1:] = pool.map(ranks.auc, group_of_cell[1:], [n.height for n in numbered_of[1:]])
    parts = []
    for attrs, part, numbered, auc in zip(every, sums_of, numbered_of, auc_of, strict=True):
        keys = list(attrs) or [_ONE]
        if calibration is not None and auc is not None:
            part = part.join(
                numbered.with_columns(pl.Series("auc", auc, nan_to_null=True)).drop("_group"),
                on=keys,
                how="left",
            ).join(_calibration_error(calibration, keys), on=keys, how="left")
        attributes = pl.struct(
            [
                (pl.col(a) if a in attrs else pl.lit(None, dtype=pl.String)).alias(a)
                for a in sensitive
            ]
        )
        parts.append(
            part.sort(keys)
            .with_columns(
                pl.lit(grouping_name(attrs)).alias("grouping"), attributes.alias("attributes")
            )
            .drop(keys)
        )
    table = pl.concat(parts, how="diagonal_relaxed")
    counts = {c: table[c].to_numpy().astype(np.float64) for c in CELLS}
    squares = {c: table[f"{c}_w2"].to_numpy().astype(np.float64) for c in CELLS}
    columns: dict[str, np.ndarray] = {}
    for metric in RATE_METRICS:
        rate, x, n_eff = rate_parts(counts, squares, metric)
        low, high = wilson(x, n_eff, confidence=confidence)
        columns[metric] = rate
        columns[f"{metric}_ci_low"] = low
        columns[f"{metric}_ci_high"] = high
    n = np.sum([counts[c] for c in CELLS], axis=0)
    metric_cols = [pl.Series(k, v, dtype=pl.Float64, nan_to_null=True) for k, v in columns.items()]
    table = table.with_columns(
        pl.Series("n", n if table["tp"].dtype.is_float() else n.astype(np.int64)), *metric_cols
    )
    nothing = pl.lit(None, dtype=pl.Float64)
    if scored:
        with np.errstate(divide="ignore", invalid="ignore"):
            brier = np.where(n > 0, table["brier_sum"].to_numpy() / n, np.nan)
        table = table.with_columns(pl.Series("brier", brier, nan_to_null=True))
    score_cols = []
    for metric in SCORE_METRICS:
        if metric not in table.columns:
            score_cols.append(nothing.alias(metric))
        score_cols += [nothing.alias(f"{metric}_ci_low"), nothing.alias(f"{metric}_ci_high")]
    table = table.with_columns(score_cols)
    cell_cols = [*CELLS, *(f"{c}_w2" for c in CELLS)]
    metric_names = [
        name for m in (*RATE_METRICS, *SCORE_METRICS) for name in (m, f"{m}_ci_low", f"{m}_ci_high")
    ]
    return table.select("grouping", "attributes", "rows", "n", *cell_cols, *metric_names)
