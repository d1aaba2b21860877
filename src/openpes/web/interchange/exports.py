"""Frames for ``openpes export``: one row per decision, assessment or person, with the 0/1
columns ``openpes audit`` reads, and protected attributes only when asked for (and allowed).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import polars as pl
from django.utils import timezone

from openpes.web.caseload.models import ProtectedAttributes
from openpes.web.counselling.models import SuggestionDecision, SupportAssessment
from openpes.web.outcomes.selectors import TARGET_DAYS, support_needs_target

ExportKind = Literal["decisions", "assessments", "outcomes"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("decisions", "assessments", "outcomes")
#: The synthetic world's label horizons, so exports and `openpes synth` files audit alike.
SIX_MONTHS = 183


def _age_band(age: pl.Expr) -> pl.Expr:
    return (
        pl.when(age < 25)
        .then(pl.lit("<25"))
        .when(age < 50)
        .then(pl.lit("25-49"))
        .otherwise(pl.lit("50+"))
    )


def protected_frame() -> pl.DataFrame:
    rows = ProtectedAttributes.objects.values_list(
        "jobseeker__reference", "sex", "age", "origin", "disability"
    )
    return pl.DataFrame(
        list(rows),
        schema={
            "jobseeker_id": pl.String(),
            "sex": pl.String(),
            "age": pl.Int32(),
            "origin": pl.String(),
            "disability": pl.Boolean(),
        },
        orient="row",
    ).with_columns(age_band=_age_band(pl.col("age")))


def outcome_labels(*, as_of: dt.date) -> pl.DataFrame:
    """Per person: re-employed within 6 and 12 months of registering (0/1), and the target."""
    target = support_needs_target(as_of=as_of)
    days = (pl.col("first_employed_on") - pl.col("registered_on")).dt.total_days()
    employed_6m = (days <= SIX_MONTHS).fill_null(False)
    employed_12m = (days <= TARGET_DAYS).fill_null(False)
    return target.with_columns(
        employed_6m=employed_6m.cast(pl.Int8),
        employed_12m=employed_12m.cast(pl.Int8),
        not_employed_12m=pl.col("not_employed_12m").cast(pl.Int8),
    )


def _since(frame: pl.DataFrame, column: str, since: dt.date | None) -> pl.DataFrame:
    if since is None:
        return frame
    return frame.filter(pl.col(column).cast(pl.Date) >= since)


def export_frame(
    kind: ExportKind, *, since: dt.date | None = None, with_protected: bool = False
) -> pl.DataFrame:
    """The export of ``kind``. The caller checks the right to ``with_protected``."""
    today = timezone.localdate()
    labels = outcome_labels(as_of=today)
    if kind == "outcomes":
        frame = _since(labels, "registered_on", since)
    elif kind == "decisions":
        rows = SuggestionDecision.objects.order_by("pk").values_list(
            "pk",
            "jobseeker__reference",
            "counsellor__username",
            "item_kind",
            "item_id",
            "rank",
            "score",
            "verdict",
            "decided_at",
        )
        frame = pl.DataFrame(
            list(rows),
            schema={
                "decision_id": pl.Int64(),
                "jobseeker_id": pl.String(),
                "counsellor": pl.String(),
                "item_kind": pl.String(),
                "item_id": pl.String(),
                "rank": pl.Int32(),
                "score": pl.Float64(),
                "verdict": pl.String(),
                "decided_at": pl.Datetime("us", "UTC"),
            },
            orient="row",
        ).with_columns(accepted=(pl.col("verdict") == "accepted").cast(pl.Int8))
        frame = _since(frame, "decided_at", since).join(
            labels.select("jobseeker_id", "employed_12m", "not_employed_12m"),
            on="jobseeker_id",
            how="left",
        )
    else:
        rows = (
            SupportAssessment.objects.exclude(final_band="")
            .order_by("pk")
            .values_list(
                "pk",
                "jobseeker__reference",
                "counsellor__username",
                "counsellor_band",
                "model_band",
                "model_probability",
                "model_version",
                "final_band",
                "decided_at",
            )
        )
        frame = pl.DataFrame(
            list(rows),
            schema={
                "assessment_id": pl.Int64(),
                "jobseeker_id": pl.String(),
                "counsellor": pl.String(),
                "counsellor_band": pl.String(),
                "model_band": pl.String(),
                "model_probability": pl.Float64(),
                "model_version": pl.String(),
                "final_band": pl.String(),
                "decided_at": pl.Datetime("us", "UTC"),
            },
            orient="row",
        ).with_columns(
            high_need_final=(pl.col("final_band") == "high").cast(pl.Int8),
            high_need_model=(pl.col("model_band") == "high").cast(pl.Int8),
            overrides_model=(
                (pl.col("model_band") != "") & (pl.col("final_band") != pl.col("model_band"))
            ).cast(pl.Int8),
        )
        frame = _since(frame, "decided_at", since).join(
            labels.select("jobseeker_id", "not_employed_12m"), on="jobseeker_id", how="left"
        )
    if with_protected:
        frame = frame.join(protected_frame(), on="jobseeker_id", how="left")
    return frame
