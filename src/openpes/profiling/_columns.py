"""Feature columns as the models see them: numbers or category strings, nulls kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages

__all__ = ["FeatureSpec", "categorical_values", "check_columns", "numeric_values", "specs_for"]

_ = messages("openpes.profiling")

Kind = Literal["numeric", "categorical"]


@dataclass(frozen=True)
class FeatureSpec:
    """How one feature is read: ``numeric`` (a float, NaN when missing) or
    ``categorical`` (a string; booleans become ``"true"``/``"false"``)."""

    name: str
    kind: Kind
    dtype: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "dtype": self.dtype}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> FeatureSpec:
        return cls(name=str(values["name"]), kind=values["kind"], dtype=str(values["dtype"]))


def _kind(dtype: pl.DataType, name: str) -> Kind:
    if dtype.is_numeric():
        return "numeric"
    if dtype in (pl.String, pl.Boolean) or isinstance(dtype, pl.Categorical | pl.Enum):
        return "categorical"
    if dtype == pl.Null:
        return "numeric"
    raise InputError(
        _("a numeric, boolean, string or categorical column was expected, got {dtype}").format(
            dtype=dtype
        ),
        column=name,
    )


#: A text column whose values are numbers in at least this share of rows is a numeric
#: column with a typo, not a category: one "n/a" must not silently change the feature's kind.
_NUMERIC_SHARE = 0.9


def _check_not_mistyped(frame: pl.DataFrame, name: str) -> None:
    series = frame[name]
    if series.dtype != pl.String:
        return
    present = series.is_not_null()
    numbers = series.str.strip_chars().cast(pl.Float64, strict=False).is_not_null()
    count = int(present.sum())
    failing = present & ~numbers
    bad = int(failing.sum())
    if count and bad and (count - bad) / count >= _NUMERIC_SHARE:
        row = int(failing.arg_true()[0])
        raise InputError(
            _(
                "this column holds numbers, but this row holds {value!r}: a number, or an "
                "empty cell for a missing value, was expected"
            ).format(value=series[row]),
            column=name,
            row=row,
        )


def specs_for(frame: pl.DataFrame, features: Sequence[str]) -> list[FeatureSpec]:
    """Decide how each feature is read from its Polars dtype.

    A text column that holds numbers in at least 90 % of its rows is refused, naming the
    first row that is not a number, rather than silently read as a category.
    """
    check_columns(frame, features)
    for name in features:
        _check_not_mistyped(frame, name)
    return [
        FeatureSpec(name, _kind(frame.schema[name], name), str(frame.schema[name]))
        for name in features
    ]


def check_columns(frame: pl.DataFrame, names: Sequence[str]) -> None:
    """Raise :class:`InputError` naming the first column the frame lacks."""
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise InputError(
            _("the data has no column {name!r}; expected the columns {names}").format(
                name=missing[0], names=", ".join(names)
            ),
            column=missing[0],
        )


def numeric_values(frame: pl.DataFrame, name: str) -> np.ndarray:
    """A float64 array with NaN for missing values."""
    series = frame[name]
    if series.dtype == pl.String:
        _check_not_mistyped(frame, name)  # names the row when one word hides among numbers
    if not (series.dtype.is_numeric() or series.dtype in (pl.Null, pl.Boolean)):
        raise InputError(_("a numeric column was expected"), column=name)
    return series.cast(pl.Float64).fill_nan(None).to_numpy().astype(np.float64, copy=False)


def categorical_values(frame: pl.DataFrame, name: str) -> pl.Series:
    """A string series (nulls kept); booleans read as ``"true"``/``"false"``."""
    return frame[name].cast(pl.String)
