"""Validation of the audit's arguments and conversion of the data to a backend's frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from openpes.errors import InputError
from openpes.fairness._engine import CountSpec, Engine, is_spark

__all__ = ["as_backend_frame", "build_spec"]


def _to_polars(data: Any) -> pl.LazyFrame:
    if isinstance(data, pl.LazyFrame):
        return data
    if isinstance(data, pl.DataFrame):
        return data.lazy()
    if is_spark(data):
        return pl.from_arrow(data.toArrow()).lazy()  # type: ignore[union-attr]
    import narwhals as nw

    try:
        frame = nw.from_native(data)
    except TypeError:
        raise InputError(
            "expected a Polars, pandas, PyArrow, DuckDB or PySpark table, "
            f"got {type(data).__name__}"
        ) from None
    if isinstance(frame, nw.LazyFrame):
        return frame.collect(backend="polars").to_native().lazy()
    if isinstance(frame, nw.DataFrame):
        return frame.to_polars().lazy()
    raise InputError(f"expected a table, got a {type(data).__name__}")


def _to_spark(data: Any) -> Any:
    if is_spark(data):
        return data
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    return spark.createDataFrame(_to_polars(data).collect().to_arrow())


def as_backend_frame(data: Any, engine: Engine | None) -> tuple[Any, Engine]:
    """Return the data as the chosen backend expects it, and the backend's name."""
    if engine not in (None, "polars", "spark"):
        raise InputError(f"engine must be 'polars' or 'spark', got {engine!r}")
    if engine == "spark" or (engine is None and is_spark(data)):
        return _to_spark(data), "spark"
    return _to_polars(data), "polars"


def build_spec(
    columns: Sequence[str],
    *,
    label: str,
    prediction: str,
    score: str | None,
    sensitive: str | Sequence[str],
    weight: str | None,
    intersections: int,
) -> CountSpec:
    """Check that every named column exists and the options make sense."""
    attrs = (sensitive,) if isinstance(sensitive, str) else tuple(sensitive)
    if not attrs:
        raise InputError("give at least one sensitive column")
    if len(set(attrs)) != len(attrs):
        raise InputError(f"sensitive columns are repeated: {list(attrs)}")
    available = set(columns)
    for role, col in [
        ("label", label),
        ("prediction", prediction),
        ("score", score),
        ("weight", weight),
        *(("sensitive", a) for a in attrs),
    ]:
        if col is not None and col not in available:
            shown = ", ".join(sorted(available)[:20])
            raise InputError(f"{role} column not found; the data has: {shown}", column=col)
    if isinstance(intersections, bool) or not isinstance(intersections, int) or intersections < 1:
        raise InputError(f"intersections must be a positive integer, got {intersections!r}")
    return CountSpec(
        sensitive=attrs, label=label, prediction=prediction, score=score, weight=weight
    )
