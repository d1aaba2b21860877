"""The monitors' inputs: checked once, then given the derived 0/1 columns the audits read.

The derivations are Narwhals expressions, so the same code runs on a Polars frame and,
with ``engine="spark"``, stays on a PySpark DataFrame that :func:`openpes.fairness.audit`
then reads with its Spark engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import narwhals as nw
import polars as pl

from openpes._frames import as_lazy_polars, is_spark
from openpes.errors import InputError
from openpes.i18n import messages

__all__ = [
    "ASSESSMENT_COLUMNS",
    "BANDS",
    "SUGGESTION_COLUMNS",
    "VERDICTS",
    "Windows",
    "as_frame",
    "materialise",
    "prepare_assessments",
    "prepare_suggestions",
    "require_columns",
]

_ = messages("openpes.oversight")

Engine = Literal["polars", "spark"]

BANDS = ("low", "medium", "high")
VERDICTS = ("accepted", "adapted", "rejected")
SUGGESTION_COLUMNS = (
    "person_id",
    "shown_at",
    "decided_at",
    "verdict",
    "score",
    "salary",
    "distance_km",
    "team",
    "counsellor",
)
ASSESSMENT_COLUMNS = (
    "person_id",
    "model_band",
    "counsellor_band",
    "final_band",
    "probability",
    "shown_at",
    "decided_at",
    "team",
    "counsellor",
)
OUTCOME_COLUMNS = ("person_id", "employed_within_12m")

#: Name of the derived column that holds each row's period: ``reference`` or ``YYYYMM``.
PERIOD = "_period"


@dataclass(frozen=True)
class Windows:
    """The monitored period and the reference window, as half-open intervals."""

    period_start: datetime
    period_end: datetime
    reference_start: datetime
    reference_end: datetime

    def check(self) -> None:
        if not self.period_start < self.period_end:
            raise InputError(_("period_start must be before period_end"))
        if not self.reference_start < self.reference_end:
            raise InputError(_("reference_start must be before reference_end"))
        if self.reference_end > self.period_start and self.reference_start < self.period_end:
            raise InputError(_("the reference window must not overlap the monitored period"))


def as_frame(data: Any, *, source: str, engine: Engine) -> nw.LazyFrame[Any]:
    """``data`` as a Narwhals lazy frame on the chosen engine."""
    if engine == "spark":
        if not is_spark(data):
            from pyspark.sql import SparkSession

            session = SparkSession.builder.getOrCreate()
            data = session.createDataFrame(as_lazy_polars(data, source=source).collect().to_arrow())
        return nw.from_native(data)
    # One collect: every audit of the run then reads the same in-memory columns.
    return nw.from_native(as_lazy_polars(data, source=source).collect().lazy())


def require_columns(frame: nw.LazyFrame[Any], columns: Sequence[str], *, source: str) -> None:
    """Refuse a frame that lacks one of ``columns``, naming the first missing one."""
    present = set(frame.collect_schema().names())
    for column in columns:
        if column not in present:
            raise InputError(_("this column is required"), file=source, column=column)


def _utc(moment: datetime, dtype: Any, *, spark: bool) -> datetime:
    # Compare like with like: aware bounds for a zoned column, naive UTC for a naive one.
    # PySpark reads a naive datetime in the *process's* local time zone, so Spark always
    # gets aware UTC bounds (compared in the session time zone, UTC for the exports).
    zone = getattr(dtype, "time_zone", None)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment if zone or spark else moment.astimezone(UTC).replace(tzinfo=None)


def _period(frame: nw.LazyFrame[Any], windows: Windows) -> nw.LazyFrame[Any]:
    dtype = frame.collect_schema()["shown_at"]
    spark = is_spark(nw.to_native(frame))
    shown = nw.col("shown_at")
    ps, pe = (_utc(m, dtype, spark=spark) for m in (windows.period_start, windows.period_end))
    rs, re_ = (
        _utc(m, dtype, spark=spark) for m in (windows.reference_start, windows.reference_end)
    )
    current = (shown >= ps) & (shown < pe)
    reference = (shown >= rs) & (shown < re_)
    month = (shown.dt.year() * 100 + shown.dt.month()).cast(nw.String)
    return frame.filter(current | reference).with_columns(
        nw.when(reference).then(nw.lit("reference")).otherwise(month).alias(PERIOD),
        current.alias("_current"),
    )


def _check_values(
    frame: nw.LazyFrame[Any], checks: dict[str, tuple[nw.Expr, str]], *, source: str
) -> None:
    # One aggregate query for every value check, so Spark runs a single job.
    counts = frame.select(
        *(bad.cast(nw.Int64).sum().alias(column) for column, (bad, _e) in checks.items())
    ).collect()
    row = counts.to_polars().row(0, named=True)
    for column, (_b, expected) in checks.items():
        if row[column]:
            raise InputError(
                _.ngettext(
                    "{count} row has a value that is not {expected}",
                    "{count} rows have a value that is not {expected}",
                    row[column],
                ).format(count=row[column], expected=expected),
                file=source,
                column=column,
            )


def _not_in(column: str, allowed: Sequence[str]) -> nw.Expr:
    return ~nw.col(column).is_null() & ~nw.col(column).is_in(list(allowed))


def _fast(seconds: float) -> nw.Expr:
    # A shifted timestamp rather than a duration: Spark has no duration arithmetic here.
    limit = nw.col("shown_at").dt.offset_by(f"{round(seconds * 1000)}ms")
    return nw.col("decided_at") < limit


def prepare_suggestions(
    frame: nw.LazyFrame[Any],
    *,
    sensitive: Sequence[str],
    windows: Windows,
    high_score: float,
    fast_seconds: float,
    source: str = "suggestions",
) -> nw.LazyFrame[Any]:
    """Suggestions of both windows with their 0/1 indicators (Int8) and ``_period``."""
    require_columns(frame, [*SUGGESTION_COLUMNS, *sensitive], source=source)
    if "system" not in frame.collect_schema().names():
        frame = frame.with_columns(nw.lit("matching").alias("system"))
    _check_values(
        frame,
        {
            "verdict": (_not_in("verdict", VERDICTS), " / ".join(VERDICTS)),
            "score": (~nw.col("score").is_null() & ~nw.col("score").is_between(0, 1), "0-1"),
        },
        source=source,
    )
    verdict = nw.col("verdict")
    decided = ~verdict.is_null()
    return _period(frame, windows).with_columns(
        (nw.col("score") >= high_score).fill_null(False).cast(nw.Int8).alias("high_score"),
        decided.cast(nw.Int8).alias("decided"),
        (verdict == "accepted").fill_null(False).cast(nw.Int8).alias("accept"),
        (verdict == "adapted").fill_null(False).cast(nw.Int8).alias("adapt"),
        (verdict == "rejected").fill_null(False).cast(nw.Int8).alias("reject"),
        (decided & _fast(fast_seconds)).fill_null(False).cast(nw.Int8).alias("fast"),
    )


def _rank(column: str) -> nw.Expr:
    col = nw.col(column)
    return (
        nw.when(col == "low")
        .then(nw.lit(0))
        .when(col == "medium")
        .then(nw.lit(1))
        .when(col == "high")
        .then(nw.lit(2))
        .otherwise(None)
    )


def prepare_assessments(
    frame: nw.LazyFrame[Any],
    outcomes: nw.LazyFrame[Any] | None,
    *,
    sensitive: Sequence[str],
    windows: Windows,
    fast_seconds: float,
    source: str = "assessments",
) -> nw.LazyFrame[Any]:
    """Assessments of both windows with their indicators, bands as ranks and outcomes."""
    require_columns(frame, [*ASSESSMENT_COLUMNS, *sensitive], source=source)
    if "system" not in frame.collect_schema().names():
        frame = frame.with_columns(nw.lit("support_needs").alias("system"))
    probability = nw.col("probability")
    _check_values(
        frame,
        {
            "model_band": (
                _not_in("model_band", BANDS) | nw.col("model_band").is_null(),
                " / ".join(BANDS),
            ),
            "counsellor_band": (_not_in("counsellor_band", BANDS), " / ".join(BANDS)),
            "final_band": (_not_in("final_band", BANDS), " / ".join(BANDS)),
            "probability": (
                probability.is_null() | ~probability.is_between(0, 1),
                _("a probability between 0 and 1"),
            ),
        },
        source=source,
    )
    if outcomes is not None:
        require_columns(outcomes, OUTCOME_COLUMNS, source="outcomes")
        known = outcomes.select("person_id", "employed_within_12m").unique(["person_id"])
        frame = frame.join(known, on="person_id", how="left")
    else:
        frame = frame.with_columns(nw.lit(None, nw.Boolean).alias("employed_within_12m"))
    model, final, own = _rank("model_band"), _rank("final_band"), _rank("counsellor_band")
    decided = ~nw.col("final_band").is_null()
    disagreed = ~own.is_null() & (own != model) & decided
    moved = (final - model).abs() < (own - model).abs()
    return _period(frame, windows).with_columns(
        (model == 2).cast(nw.Int8).alias("high_band"),
        (model == 0).cast(nw.Int8).alias("low_band"),
        decided.cast(nw.Int8).alias("decided"),
        (decided & (final != model)).fill_null(False).cast(nw.Int8).alias("override"),
        (decided & (final > model)).fill_null(False).cast(nw.Int8).alias("more_support"),
        (decided & (final < model)).fill_null(False).cast(nw.Int8).alias("less_support"),
        (decided & (final == model)).fill_null(False).cast(nw.Int8).alias("agreement"),
        (decided & _fast(fast_seconds)).fill_null(False).cast(nw.Int8).alias("fast"),
        disagreed.fill_null(False).cast(nw.Int8).alias("disagreed"),
        (disagreed & moved).fill_null(False).cast(nw.Int8).alias("anchored"),
        # Positive class of the support-needs model: not back in work within 12 months.
        (~nw.col("employed_within_12m")).cast(nw.Int8).alias("_outcome"),
    )


def materialise(frame: nw.LazyFrame[Any], engine: str) -> nw.LazyFrame[Any]:
    """Compute the derived columns once: every audit of the run then reads the result."""
    if engine == "polars":
        return nw.from_native(nw.to_native(frame).collect().lazy())
    # Spark recomputes the (cheap) derivations from the export in each job: counts taken
    # from a cached, filtered frame were seen to disagree with the rows it returned.
    return frame


def to_polars(frame: nw.LazyFrame[Any] | nw.DataFrame[Any]) -> pl.DataFrame:
    """Collect a (small) Narwhals frame to Polars."""
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    return frame.to_polars()
