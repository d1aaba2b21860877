"""Validation of the audit's arguments and conversion of the data to a backend's frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpes._frames import IntoFrame, as_lazy_polars, as_polars, is_spark
from openpes.errors import InputError
from openpes.fairness._engine import CountSpec, Engine
from openpes.i18n import messages

__all__ = ["as_backend_frame", "build_spec"]

_ = messages("openpes.fairness")


def _to_spark(data: IntoFrame) -> Any:
    if is_spark(data):
        return data
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    return spark.createDataFrame(as_polars(data).to_arrow())


def as_backend_frame(data: IntoFrame, engine: Engine | None) -> tuple[Any, Engine]:
    """Return the data as the chosen backend expects it, and the backend's name."""
    if engine not in (None, "polars", "spark"):
        raise InputError(
            _("engine must be 'polars' or 'spark', got {engine}").format(engine=repr(engine))
        )
    if engine == "spark" or (engine is None and is_spark(data)):
        return _to_spark(data), "spark"
    return as_lazy_polars(data), "polars"


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
        raise InputError(_("give at least one sensitive column"))
    if len(set(attrs)) != len(attrs):
        raise InputError(
            _("sensitive columns are repeated: {columns}").format(columns=str(list(attrs)))
        )
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
            # The role names the argument (label=, --label), so it stays untranslated.
            raise InputError(
                _("{role} column not found; the data has: {columns}").format(
                    role=role, columns=shown
                ),
                column=col,
            )
    if isinstance(intersections, bool) or not isinstance(intersections, int) or intersections < 1:
        raise InputError(
            _("intersections must be a positive integer, got {value}").format(
                value=repr(intersections)
            )
        )
    return CountSpec(
        sensitive=attrs, label=label, prediction=prediction, score=score, weight=weight
    )
