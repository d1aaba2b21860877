"""Monitor 5, drift: has the population the model sees moved away from its reference?

The population stability index compares the share of each bin in the monitored period
(``a``) with the reference (``e``): PSI = Σ (a - e) · ln(a / e). Numeric features are cut
at the reference deciles; categories are their own bins, and values unseen in the
reference are reported as *new categories* with their share. An empty bin counts as a
share of 0.0001 so the logarithm stays finite (the usual convention). Missing values are
a bin of their own. Rule of thumb: below 0.1 stable, 0.1-0.25 a moderate shift, above
0.25 a major one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from openpes.oversight._inputs import to_polars

__all__ = ["EMPTY_SHARE", "drift_table", "psi"]

EMPTY_SHARE = 1e-4
_DECILES = tuple(i / 10 for i in range(1, 10))


def psi(actual: Sequence[float] | np.ndarray, expected: Sequence[float] | np.ndarray) -> float:
    """Population stability index of two vectors of bin shares (each summing to 1).

    Examples
    --------
    >>> round(psi([0.5, 0.5], [0.4, 0.6]), 6)
    0.040547
    """
    a = np.maximum(np.asarray(actual, dtype=float), EMPTY_SHARE)
    e = np.maximum(np.asarray(expected, dtype=float), EMPTY_SHARE)
    return float(np.sum((a - e) * np.log(a / e)))


def _is_numeric(dtype: Any) -> bool:
    return bool(dtype.is_numeric()) and dtype != nw.Boolean


def _bin_counts(frame: nw.LazyFrame[Any], numeric: dict[str, list[float]]) -> dict[str, np.ndarray]:
    # One pass: each feature's bin index (the number of cuts below the value; missing
    # values get their own last bin), then the count of each index.
    if not numeric:
        return {}
    indexed = frame.select(
        nw.when(nw.col(name).is_null())
        .then(nw.lit(len(cuts) + 1))
        .otherwise(
            nw.sum_horizontal(*[(nw.col(name) > c).cast(nw.Int64) for c in cuts])
            if cuts
            else nw.lit(0)
        )
        .cast(nw.Int64)
        .alias(f"{name}__bin")
        for name, cuts in numeric.items()
    )
    row = to_polars(
        indexed.select(
            (nw.col(f"{name}__bin") == b).cast(nw.Int64).sum().alias(f"{name}__{b}")
            for name, cuts in numeric.items()
            for b in range(len(cuts) + 2)
        )
    ).row(0, named=True)
    return {
        name: np.array([row[f"{name}__{b}"] or 0 for b in range(len(cuts) + 2)], dtype=float)
        for name, cuts in numeric.items()
    }


def _rows(frame: nw.LazyFrame[Any]) -> float:
    return float(to_polars(frame.select(nw.len()))[0, 0])


def _category_counts(frame: nw.LazyFrame[Any], column: str) -> pl.DataFrame:
    counts = frame.group_by(column).agg(nw.len().alias("count"))
    out = to_polars(counts)
    return out.select(pl.col(column).cast(pl.String).fill_null("(missing)").alias("bin"), "count")


def drift_table(
    current: nw.LazyFrame[Any],
    reference: nw.LazyFrame[Any],
    *,
    columns: Sequence[str] | None = None,
    min_group_size: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """PSI and new-category share per feature, and the bin shares behind them.

    Returns the monitor table (``attribute="feature"``, ``group`` = the feature) and a
    ``bins`` table (feature, bin, current share, reference share).
    """
    schema_now = current.collect_schema()
    schema_ref = reference.collect_schema()
    skip = {"person_id", "system", "_current", "_period"}
    names = [
        c
        for c in (columns or schema_now.names())
        if c in schema_ref and c in schema_now and c not in skip and not schema_now[c].is_temporal()
    ]
    numeric_names = [c for c in names if _is_numeric(schema_now[c])]
    categorical = [c for c in names if c not in numeric_names]
    n_now, n_ref = _rows(current), _rows(reference)
    cuts: dict[str, list[float]] = {}
    if numeric_names and n_ref:
        quantiles = to_polars(
            reference.select(
                nw.col(c).cast(nw.Float64).quantile(q, interpolation="linear").alias(f"{c}__{q}")
                for c in numeric_names
                for q in _DECILES
            )
        ).row(0, named=True)
        for c in numeric_names:
            values = [quantiles[f"{c}__{q}"] for q in _DECILES]
            # Twelve significant digits: engines compute the same quantile to within an
            # ulp, and a cut sitting on a data value must put it in the same bin on both.
            cuts[c] = sorted({float(f"{v:.12g}") for v in values if v is not None})
    else:
        cuts = {c: [] for c in numeric_names}
    now_counts = _bin_counts(current, cuts)
    ref_counts = _bin_counts(reference, cuts)
    rows, bins = [], []
    for c in numeric_names:
        a = now_counts[c] / max(now_counts[c].sum(), 1)
        e = ref_counts[c] / max(ref_counts[c].sum(), 1)
        labels = _numeric_labels(cuts[c])
        bins.append(pl.DataFrame({"feature": c, "bin": labels, "current": a, "reference": e}))
        rows.append((c, psi(a, e), 0.0, ""))
    for c in categorical:
        now = _category_counts(current, c).rename({"count": "current"})
        ref = _category_counts(reference, c).rename({"count": "reference"})
        both = (
            now.join(ref, on="bin", how="full", coalesce=True)
            .with_columns(
                (pl.col("current").fill_null(0) / max(n_now, 1)).alias("current"),
                (pl.col("reference").fill_null(0) / max(n_ref, 1)).alias("reference"),
            )
            .sort("bin")
        )
        new = both.filter(pl.col("reference") == 0, pl.col("bin") != "(missing)")
        bins.append(both.select(pl.lit(c).alias("feature"), "bin", "current", "reference"))
        rows.append(
            (
                c,
                psi(both["current"].to_numpy(), both["reference"].to_numpy()),
                float(new["current"].sum()),
                ", ".join(new["bin"].to_list()),
            )
        )
    features = [r[0] for r in rows]
    base = pl.DataFrame(
        {
            "attribute": ["feature"] * len(rows),
            "group": features,
            "n": [n_now] * len(rows),
            "reference_n": [n_ref] * len(rows),
            "psi": [r[1] for r in rows],
            "new_category_share": [r[2] for r in rows],
            "new_categories": [r[3] for r in rows],
        },
        schema={
            "attribute": pl.String,
            "group": pl.String,
            "n": pl.Float64,
            "reference_n": pl.Float64,
            "psi": pl.Float64,
            "new_category_share": pl.Float64,
            "new_categories": pl.String,
        },
    )
    # Too few rows on either side: the index is noise, so no value is shown or judged.
    small = min(n_now, n_ref) < min_group_size
    table = pl.concat(
        [
            base.select(
                "attribute",
                "group",
                "n",
                pl.lit(metric).alias("metric"),
                (pl.lit(None, pl.Float64) if small else pl.col(metric)).alias("value"),
                "new_categories",
            )
            for metric in ("psi", "new_category_share")
        ]
    ).with_columns(pl.lit(small).alias("suppressed"))
    bin_table = (
        pl.concat(bins, how="vertical_relaxed")
        if bins
        else pl.DataFrame(
            schema={
                "feature": pl.String,
                "bin": pl.String,
                "current": pl.Float64,
                "reference": pl.Float64,
            }
        )
    )
    return table, bin_table


def _numeric_labels(cuts: list[float]) -> list[str]:
    if not cuts:
        return ["all", "(missing)"]
    edges = [f"≤ {cuts[0]:.4g}"]
    edges += [f"{lo:.4g}–{hi:.4g}" for lo, hi in zip(cuts[:-1], cuts[1:], strict=True)]
    edges.append(f"> {cuts[-1]:.4g}")
    return [*edges, "(missing)"]
