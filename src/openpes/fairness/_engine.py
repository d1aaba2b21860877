"""The one pass over the rows: confusion counts on the finest cells, per backend.

Every group the audit reports (each attribute, each intersection, the overall
population) is a sum of these cells, so the rows are read once, whatever
``intersections`` is. A backend only has to answer two group-bys; everything after
that is shared code on a small Polars table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

import polars as pl

from openpes._frames import as_polars, is_spark

__all__ = [
    "AUC_GRID",
    "CountSpec",
    "Counts",
    "CountsBackend",
    "Engine",
    "PolarsBackend",
    "SparkBackend",
    "backend_for",
]

Engine = Literal["polars", "spark"]

#: Scores are floored to this many steps on Spark for the binned AUC (see docs).
AUC_GRID = 100_000
#: Number of equal-width calibration bins of the expected calibration error.
ECE_BINS = 10


@dataclass(frozen=True)
class CountSpec:
    """Column names the counts step needs."""

    sensitive: tuple[str, ...]
    label: str
    prediction: str
    score: str | None = None
    weight: str | None = None


@dataclass(frozen=True)
class Counts:
    """What the one pass over the rows returns; all tables are small except ``ranking``.

    ``cells``: one row per (sensitive values, ``_label``, ``_prediction``) as found in
    the data, with ``rows``, ``w``, ``w2`` and, with a score, ``ws``, ``ws2``, ``s_min``,
    ``s_max``, ``s_nulls``; with a weight, ``w_min`` and ``w_nulls``.
    ``calibration``: one row per (sensitive values, ``_label``, ``_bin``) with ``w`` and
    ``ws``, for the expected calibration error; None when it is derived from ``ranking``.
    ``ranking``: columns ``_key`` (a row of ``ranking_keys``), ``_label``, ``_s`` and
    optionally ``_w``: every score (Polars, exact AUC) or every occupied grid step with
    its summed weight (Spark, binned AUC). ``ranking_keys``: the raw sensitive values of
    each ``_key``.
    """

    cells: pl.DataFrame
    calibration: pl.DataFrame | None = None
    ranking: pl.DataFrame | None = None
    ranking_keys: pl.DataFrame | None = None


class CountsBackend(Protocol):
    """What an engine must provide: two group-bys, answered as Polars frames."""

    name: Engine

    def columns(self, data: Any) -> list[str]:
        """Column names of the data."""
        ...

    def cells(self, data: Any, spec: CountSpec) -> Counts:
        """Return the confusion cells and, with a score, the calibration and ranking tables."""
        ...


class PolarsBackend:
    """Lazy Polars; the streaming engine lets files larger than memory through."""

    name: Engine = "polars"

    def columns(self, data: pl.LazyFrame) -> list[str]:
        return data.collect_schema().names()

    def cells(self, data: pl.LazyFrame, spec: CountSpec) -> Counts:
        w = pl.col(spec.weight).cast(pl.Float64) if spec.weight else pl.lit(1, dtype=pl.Int64)
        # A literal does not broadcast inside an aggregation, so unweighted sums are counts.
        w_sum = w.sum() if spec.weight else pl.len()
        w2_sum = (w * w).sum() if spec.weight else pl.len()
        keys = [*spec.sensitive, pl.col(spec.label).alias("_label")]
        aggs = [pl.len().alias("rows"), w_sum.alias("w"), w2_sum.alias("w2")]
        if spec.weight:
            col = pl.col(spec.weight)
            aggs += [col.min().cast(pl.Float64).alias("w_min"), col.null_count().alias("w_nulls")]
        if spec.score:
            # NaN is a missing score, counted (and refused) as such, not a number.
            s = pl.col(spec.score).cast(pl.Float64).fill_nan(None)
            aggs += [
                (w * s).sum().alias("ws"),
                (w * s * s).sum().alias("ws2"),
                s.min().alias("s_min"),
                s.max().alias("s_max"),
                s.null_count().alias("s_nulls"),
            ]
        cells = (
            data.group_by([*keys, pl.col(spec.prediction).alias("_prediction")])
            .agg(aggs)
            .collect(engine="streaming")
        )
        if not spec.score:
            return Counts(cells=cells)
        # Exact AUC needs every score. A second pass tags each row with its cell number
        # (a join against the small cell table), which keeps 13 bytes a row instead of
        # the row's text keys; the calibration table is then built from these scores in
        # memory (``ScoreRanking``).
        sensitive = list(spec.sensitive)
        ranking_keys = cells.select(sensitive).unique(maintain_order=True).with_row_index("_key")
        columns = [
            "_key",
            pl.col(spec.label).alias("_label"),
            s.alias("_s"),
            *([w.alias("_w")] if spec.weight else []),
        ]
        ranking = (
            data.join(ranking_keys.lazy(), on=sensitive, how="inner", nulls_equal=True)
            .select(columns)
            .collect(engine="streaming")
        )
        return Counts(cells=cells, ranking=ranking, ranking_keys=ranking_keys)


class SparkBackend:
    """PySpark; the same group-bys run on the cluster, only the small result comes back."""

    name: Engine = "spark"

    def columns(self, data: Any) -> list[str]:
        return list(data.columns)

    def cells(self, data: Any, spec: CountSpec) -> Counts:
        from pyspark.sql import functions as F  # noqa: N812 - Spark's own convention

        w = F.col(spec.weight).cast("double") if spec.weight else F.lit(1).cast("long")
        keys = [*(F.col(c) for c in spec.sensitive), F.col(spec.label).alias("_label")]
        aggs = [F.count(F.lit(1)).alias("rows"), F.sum(w).alias("w"), F.sum(w * w).alias("w2")]
        if spec.weight:
            col = F.col(spec.weight)
            aggs += [
                F.min(col).cast("double").alias("w_min"),
                F.count_if(col.isNull()).alias("w_nulls"),
            ]
        calibration = ranking = ranking_keys = None
        if spec.score:
            s = F.col(spec.score).cast("double")
            aggs += [
                F.sum(w * s).alias("ws"),
                F.sum(w * s * s).alias("ws2"),
                F.min(s).alias("s_min"),
                F.max(s).alias("s_max"),
                F.count_if(s.isNull()).alias("s_nulls"),
            ]
            score_bin = F.least(F.greatest(F.floor(s * ECE_BINS), F.lit(0)), F.lit(ECE_BINS - 1))
            calibration = as_polars(
                data.groupBy(*keys, score_bin.cast("tinyint").alias("_bin")).agg(
                    F.sum(w).cast("double").alias("w"), F.sum(w * s).alias("ws")
                )
            )
            grid = F.least(F.floor(s * AUC_GRID), F.lit(AUC_GRID - 1)) / AUC_GRID
            binned = as_polars(
                data.groupBy(*keys, grid.cast("double").alias("_s")).agg(
                    F.sum(w).cast("double").alias("_w")
                )
            )
            sensitive = list(spec.sensitive)
            ranking_keys = binned.select(sensitive).unique(maintain_order=True)
            ranking_keys = ranking_keys.with_row_index("_key")
            ranking = binned.join(ranking_keys, on=sensitive, how="inner", nulls_equal=True).select(
                "_key", "_label", "_s", "_w"
            )
        cells = as_polars(
            data.groupBy(*keys, F.col(spec.prediction).alias("_prediction")).agg(*aggs)
        )
        return Counts(
            cells=cells, calibration=calibration, ranking=ranking, ranking_keys=ranking_keys
        )


def backend_for(data: Any, engine: Engine | None) -> CountsBackend:
    """Pick the backend: explicit ``engine``, else Spark for Spark frames, else Polars."""
    if engine == "spark" or (engine is None and is_spark(data)):
        return SparkBackend()
    return PolarsBackend()
