"""The one boundary where tables enter the core.

Public functions accept an :data:`IntoFrame` (a Polars frame, lazy or not, or anything
Narwhals accepts: pandas, PyArrow, DuckDB, and a PySpark DataFrame) and call
:func:`as_polars` or :func:`as_lazy_polars` once, so every package gives the same message
for the same mistake.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages

__all__ = ["IntoFrame", "as_lazy_polars", "as_polars", "is_spark"]

_ = messages("openpes")

#: Anything a public function of the core accepts as a table. Narwhals' own ``IntoFrame``
#: does not name Polars lazy frames or Spark, hence ``Any`` beside the Polars types.
IntoFrame: TypeAlias = pl.DataFrame | pl.LazyFrame | Any


def is_spark(data: object) -> bool:
    """Whether ``data`` is a PySpark DataFrame (checked without importing PySpark)."""
    return type(data).__module__.startswith("pyspark.sql")


def as_lazy_polars(data: IntoFrame, *, source: str = "data") -> pl.LazyFrame:
    """``data`` as a Polars LazyFrame; ``source`` names it in the error.

    Examples
    --------
    >>> as_lazy_polars({"a": [1]})
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: file data: a table was expected (Polars, pandas, PyArrow, DuckDB or PySpark), got dict
    """  # noqa: E501
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
            _(
                "a table was expected (Polars, pandas, PyArrow, DuckDB or PySpark), got {kind}"
            ).format(kind=type(data).__name__),
            file=source,
        ) from None
    if isinstance(frame, nw.LazyFrame):
        return frame.collect(backend="polars").to_native().lazy()
    return frame.to_polars().lazy()


def as_polars(data: IntoFrame, *, source: str = "data") -> pl.DataFrame:
    """``data`` as a Polars DataFrame (collected); ``source`` names it in the error.

    Examples
    --------
    >>> import pandas as pd
    >>> as_polars(pd.DataFrame({"a": [1, 2]})).shape
    (2, 1)
    """
    if isinstance(data, pl.DataFrame):
        return data
    return as_lazy_polars(data, source=source).collect()
