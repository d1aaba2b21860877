"""From the engine's raw cells to clean confusion cells, checking values on the way.

The engine groups by the raw label and prediction values, so every invalid value
shows up as a key of the small cell table: checking it there costs nothing and still
tells the caller exactly which values occur and on how many rows.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from openpes.errors import InputError
from openpes.fairness._engine import CountSpec
from openpes.i18n import Message, messages

__all__ = ["MISSING", "confusion_cells", "normalise_keys"]

#: The group that missing sensitive values form; they are never dropped.
MISSING = "(missing)"

_ = messages("openpes.fairness")
_SHOWN = 5


def _is_binary(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    return isinstance(value, int | float) and value in (0, 1)


def _joined(items: list[Message]) -> Message:
    """``a, b, c`` that stays translatable: each item is translated where it is shown."""
    # A msgid of only placeholders has no catalogue entry, so it is kept as it is.
    template = ", ".join(f"{{item{i}}}" for i in range(len(items)))
    return Message("openpes.fairness", template, {f"item{i}": m for i, m in enumerate(items)})


def _check_binary(cells: pl.DataFrame, key: str, column: str, file: str | None) -> None:
    counts = cells.group_by(key).agg(pl.col("rows").sum()).sort("rows", descending=True)
    bad = [(v, n) for v, n in counts.iter_rows() if not _is_binary(v)]
    if bad:
        shown = _joined(
            [
                _.ngettext("{value} ({n} row)", "{value} ({n} rows)", n).format(value=repr(v), n=n)
                for v, n in bad[:_SHOWN]
            ]
        )
        more = (
            _.ngettext(
                " and {count} more value", " and {count} more values", len(bad) - _SHOWN
            ).format(count=len(bad) - _SHOWN)
            if len(bad) > _SHOWN
            else ""
        )
        total = sum(n for _value, n in bad)
        raise InputError(
            _.ngettext(
                "expected only 0/1 or true/false, found {shown}{more}; "
                "{total} row in all has an invalid value",
                "expected only 0/1 or true/false, found {shown}{more}; "
                "{total} rows in all have invalid values",
                total,
            ).format(shown=shown, more=more, total=total),
            file=file,
            column=column,
        )


def _extreme(values: pl.Series, which: str) -> float | None:
    value = values.min() if which == "min" else values.max()
    return None if value is None else float(value)  # type: ignore[arg-type]


def normalise_keys(table: pl.DataFrame, sensitive: tuple[str, ...]) -> pl.DataFrame:
    """Sensitive values as text, with missing values as their own ``(missing)`` group."""
    return table.with_columns(
        pl.col(c).cast(pl.String).fill_null(MISSING).alias(c) for c in sensitive
    )


def confusion_cells(raw: pl.DataFrame, spec: CountSpec, *, file: str | None = None) -> pl.DataFrame:
    """Check the raw cells and return one row per finest cell with tp/fp/tn/fn.

    Columns: the sensitive attributes (as text), ``rows``, ``tp``, ``fp``, ``tn``,
    ``fn`` (weighted), their squared weights ``tp_w2`` ..., and with a score the
    weighted sums ``ws`` and ``brier_sum``.
    """
    if raw.height == 0:
        raise InputError(
            _("the data has no rows: a header and at least one row were expected"), file=file
        )
    _check_binary(raw, "_label", spec.label, file)
    _check_binary(raw, "_prediction", spec.prediction, file)
    if spec.weight:
        nulls = int(raw["w_nulls"].sum())
        low = _extreme(raw["w_min"], "min")
        if nulls or (low is not None and low < 0):
            raise InputError(
                _.ngettext(
                    "weights must be present and non-negative; {nulls} row is missing, "
                    "smallest weight is {low}",
                    "weights must be present and non-negative; {nulls} rows are missing, "
                    "smallest weight is {low}",
                    nulls,
                ).format(nulls=nulls, low=low),
                file=file,
                column=spec.weight,
            )
    if spec.score:
        nulls = int(raw["s_nulls"].sum())
        low, high = _extreme(raw["s_min"], "min"), _extreme(raw["s_max"], "max")
        if nulls or (low is not None and low < 0) or (high is not None and high > 1):
            raise InputError(
                _.ngettext(
                    "scores must be probabilities in [0, 1] on every row; {nulls} row is "
                    "missing, the range found is {low} to {high}",
                    "scores must be probabilities in [0, 1] on every row; {nulls} rows are "
                    "missing, the range found is {low} to {high}",
                    nulls,
                ).format(nulls=nulls, low=low, high=high),
                file=file,
                column=spec.score,
            )
    y = pl.col("_label").cast(pl.Int8)
    p = pl.col("_prediction").cast(pl.Int8)
    cell_of = {
        "tp": (y == 1) & (p == 1),
        "fp": (y == 0) & (p == 1),
        "tn": (y == 0) & (p == 0),
        "fn": (y == 1) & (p == 0),
    }
    w = pl.col("w").cast(pl.Float64)
    aggs = [pl.col("rows").sum()]
    for name, mask in cell_of.items():
        aggs.append(pl.when(mask).then(w).otherwise(0.0).sum().alias(name))
        aggs.append(pl.when(mask).then(pl.col("w2")).otherwise(0.0).sum().alias(f"{name}_w2"))
    if spec.score:
        # sum w (s - y)^2 = sum w s^2 - 2 y sum w s + y sum w, split by label
        aggs.append(pl.col("ws").sum())
        aggs.append((pl.col("ws2") - 2 * y * pl.col("ws") + y * w).sum().alias("brier_sum"))
    table = normalise_keys(raw, spec.sensitive)
    return table.group_by(list(spec.sensitive)).agg(aggs).sort(list(spec.sensitive))
