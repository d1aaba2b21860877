"""Sums per group and intersection from one group-by on the finest cells.

Means (score, salary, distance) are not rates, so no audit gives them; they are summed
the way :mod:`openpes.fairness` sums its counts: one group-by over every sensitive column
(on Polars or Spark), then every grouping is added up from that small table. A person has
one value of each protected attribute, so distinct people add up across cells too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

import narwhals as nw
import polars as pl

from openpes.oversight._audits import OVERALL
from openpes.oversight._inputs import to_polars

__all__ = ["MISSING", "group_sums", "mean_table", "measure_sums"]

MISSING = "(missing)"


def group_sums(
    frame: nw.LazyFrame[Any],
    sums: Mapping[str, nw.Expr],
    *,
    attributes: Sequence[str],
    intersections: int,
) -> pl.DataFrame:
    """``attribute``, ``group`` and each named sum, for overall and every grouping."""
    keyed = frame.with_columns(
        nw.col(a).cast(nw.String).fill_null(MISSING).alias(a) for a in attributes
    )
    cells = to_polars(
        keyed.group_by(*attributes).agg(*(expr.alias(name) for name, expr in sums.items()))
    )
    names = list(sums)
    parts = [
        cells.select(
            pl.lit(OVERALL).alias("attribute"), pl.lit(OVERALL).alias("group"), pl.col(names).sum()
        )
    ]
    for size in range(1, min(intersections, len(attributes)) + 1):
        for attrs in combinations(attributes, size):
            parts.append(
                cells.group_by(list(attrs))
                .agg(pl.col(names).sum())
                .select(
                    pl.lit(" × ".join(attrs)).alias("attribute"),
                    pl.concat_str(list(attrs), separator=" × ").alias("group"),
                    *names,
                )
                .sort("group")
            )
    return pl.concat(parts, how="vertical_relaxed")


def mean_table(
    sums: pl.DataFrame,
    measures: Sequence[str],
    *,
    min_group_size: int,
    reveal: bool,
) -> pl.DataFrame:
    """Mean of each measure with a normal 95% interval, from ``{m}_n``, ``_sum``, ``_sq``.

    Groups smaller than ``min_group_size`` (counted in ``rows``) are suppressed unless
    ``reveal``.
    """
    z = 1.959963984540054
    # Privacy counts people where the sums know them, not rows (a person has many rows).
    size = pl.col("people") if "people" in sums.columns else pl.col("rows")
    frames = []
    for m in measures:
        n, s, sq = pl.col(f"{m}_n"), pl.col(f"{m}_sum"), pl.col(f"{m}_sq")
        mean = s / n
        var = ((sq - s * s / n) / (n - 1)).clip(lower_bound=0)
        half = z * (var / n).sqrt()
        frames.append(
            sums.select(
                "attribute",
                "group",
                pl.col("rows").cast(pl.Float64).alias("n"),
                size.cast(pl.Float64).alias("people"),
                pl.lit(m).alias("measure"),
                pl.when(n > 0).then(mean).alias("mean"),
                pl.when(n > 1).then(mean - half).alias("low"),
                pl.when(n > 1).then(mean + half).alias("high"),
                (size < min_group_size).alias("suppressed"),
            )
        )
    table = pl.concat(frames)
    if not reveal:
        hide = pl.col("suppressed")
        table = table.with_columns(
            pl.when(~hide).then(pl.col(c)).alias(c) for c in ("n", "people", "mean", "low", "high")
        )
    return table


def measure_sums(measures: Sequence[str]) -> dict[str, nw.Expr]:
    """The sums :func:`mean_table` needs for each measure column (nulls are left out)."""
    sums: dict[str, nw.Expr] = {"rows": nw.len()}
    for m in measures:
        sums[f"{m}_n"] = nw.col(m).is_null().__invert__().cast(nw.Int64).sum()
        sums[f"{m}_sum"] = nw.col(m).cast(nw.Float64).sum()
        sums[f"{m}_sq"] = (nw.col(m).cast(nw.Float64) ** 2).sum()
    return sums
