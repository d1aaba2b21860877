"""What :meth:`SupportNeedsModel.evaluate` reports: accuracy, calibration, group error rates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from openpes.fairness import Audit, audit
from openpes.profiling._calibration import wilson_interval
from openpes.profiling._metrics import auc, brier, calibration_curve, expected_calibration_error

__all__ = ["Evaluation", "audit_columns", "evaluate_predictions"]

#: The group rates the model card shows.
GROUP_METRICS: tuple[str, ...] = ("base_rate", "selection_rate", "fpr", "fnr")


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Performance of a model on one labelled frame.

    ``audit`` breaks the *high need* decision down by protected group with
    :func:`openpes.fairness.audit`: the label is the target (1 = not in work within 12
    months), the prediction is "band is high", and being offered intensive support
    counts as the favourable decision. It is None when no protected column was given.
    """

    n: int
    auc: float
    brier: float
    ece: float
    calibration: pl.DataFrame
    bands: pl.DataFrame
    audit: Audit | None
    band_groups: pl.DataFrame

    def band_gaps(self, *, min_size: int = 30) -> pl.DataFrame:
        """Pairs of groups whose calibration gaps in the same band have disjoint intervals.

        The gap of a group in a band is its observed rate minus its mean predicted
        probability. An unbiased, calibrated model is right on average for every group,
        so within a band the groups' gaps agree within their 95 % intervals. Disjoint
        intervals mean the band means something different for one group than for
        another: the model under- or over-states one group's need.
        """
        kept = self.band_groups.filter(pl.col("n") >= min_size)
        pairs = kept.join(kept, on=["attribute", "band"], suffix="_other").filter(
            pl.col("group") < pl.col("group_other")
        )
        return pairs.filter(
            (pl.col("gap_ci_high") < pl.col("gap_ci_low_other"))
            | (pl.col("gap_ci_high_other") < pl.col("gap_ci_low"))
        ).select(
            "attribute",
            "band",
            "group",
            "observed_rate",
            "mean_predicted",
            "n",
            "group_other",
            "observed_rate_other",
            "mean_predicted_other",
            "n_other",
        )

    def summary(self) -> dict[str, Any]:
        """JSON-ready figures (the group tables with small groups suppressed)."""
        out: dict[str, Any] = {
            "n": self.n,
            "auc": self.auc,
            "brier": self.brier,
            "ece": self.ece,
            "calibration": self.calibration.to_dicts(),
            "bands": self.bands.to_dicts(),
            "groups": [],
            "disparities": [],
            "verdict": None,
            "band_groups": self.band_groups.to_dicts(),
            "band_gaps": self.band_gaps().to_dicts(),
        }
        if self.audit is not None:
            out["verdict"] = self.audit.verdict
            groups = self.audit.groups
            keep = ["grouping", "n"] + [
                c for m in GROUP_METRICS for c in (m, f"{m}_ci_low", f"{m}_ci_high")
            ]
            out["groups"] = [
                {**row, "group": _group_name(attrs)}
                for row, attrs in zip(
                    groups.select(keep).to_dicts(), groups["attributes"].to_list(), strict=True
                )
            ]
            flagged = self.audit.disparities.filter(
                pl.col("verdict").is_in(["warn", "fail"]) & pl.col("metric").is_in(GROUP_METRICS)
            )
            out["disparities"] = [
                {
                    "group": _group_name(row["attributes"]),
                    "reference": _group_name(row["reference"]),
                    "metric": row["metric"],
                    "value": row["value"],
                    "reference_value": row["reference_value"],
                    "difference": row["difference"],
                    "ratio": row["ratio"],
                    "verdict": row["verdict"],
                }
                for row in flagged.to_dicts()
            ]
        return out


def _group_name(attributes: dict[str, Any] | None) -> str:
    if not attributes:
        return "overall"
    return ", ".join(f"{k}={v}" for k, v in attributes.items() if v is not None) or "overall"


def audit_columns(frame: pl.DataFrame, protected: Sequence[str]) -> list[str]:
    """Protected columns the audit can group by: few distinct values (age bands, not ages)."""
    return [
        name
        for name in protected
        if name in frame.columns
        and not (frame.schema[name].is_numeric() and frame[name].n_unique() > 10)
    ]


def band_rates_by_group(
    target: np.ndarray, probability: np.ndarray, bands: pl.Series, groups: pl.DataFrame
) -> pl.DataFrame:
    """Observed and predicted target rate, per attribute, group and band.

    ``gap`` is observed minus mean predicted; ``gap_ci_low``/``gap_ci_high`` shift the
    observed rate's Wilson interval by the mean prediction, so groups can be compared
    even when they sit at different heights inside a wide band.
    """
    schema = {
        "attribute": pl.String,
        "group": pl.String,
        "band": pl.String,
        "n": pl.Int64,
        "observed_rate": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
        "mean_predicted": pl.Float64,
        "gap": pl.Float64,
        "gap_ci_low": pl.Float64,
        "gap_ci_high": pl.Float64,
    }
    if not groups.width:
        return pl.DataFrame(schema=schema)
    long = (
        groups.with_columns(pl.all().cast(pl.String).fill_null("(missing)"))
        .with_columns(
            pl.Series("outcome", target),
            pl.Series("probability", probability),
            bands.cast(pl.String).alias("band"),
        )
        .unpivot(
            index=["outcome", "probability", "band"], variable_name="attribute", value_name="group"
        )
    )
    table = (
        long.group_by("attribute", "group", "band")
        .agg(
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("outcome").mean().alias("observed_rate"),
            pl.col("probability").mean().alias("mean_predicted"),
        )
        .sort("attribute", "group", "band")
    )
    low, high = wilson_interval(table["observed_rate"].to_numpy(), table["n"].to_numpy())
    return (
        table.with_columns(pl.Series("ci_low", low), pl.Series("ci_high", high))
        .with_columns(
            (pl.col("observed_rate") - pl.col("mean_predicted")).alias("gap"),
            (pl.col("ci_low") - pl.col("mean_predicted")).alias("gap_ci_low"),
            (pl.col("ci_high") - pl.col("mean_predicted")).alias("gap_ci_high"),
        )
        .select(list(schema))
    )


def evaluate_predictions(
    target: np.ndarray,
    probability: np.ndarray,
    bands: pl.Series,
    groups: pl.DataFrame,
) -> Evaluation:
    """All figures of :class:`Evaluation` from outcomes, probabilities and bands."""
    y = np.asarray(target, dtype=np.int64)
    band_rates = (
        pl.DataFrame({"band": bands, "outcome": y})
        .group_by("band")
        .agg(pl.len().alias("n"), pl.col("outcome").mean().alias("observed_rate"))
        .sort("band")
        .with_columns(pl.col("band").cast(pl.String))
    )
    result = None
    if groups.width:
        data = groups.with_columns(
            pl.Series("outcome", y),
            pl.Series("high_need", (bands == "high").cast(pl.Int64).to_numpy()),
            pl.Series("probability", probability),
        )
        result = audit(
            data,
            label="outcome",
            prediction="high_need",
            score="probability",
            sensitive=list(groups.columns),
        )
    return Evaluation(
        band_groups=band_rates_by_group(y, np.asarray(probability), bands, groups),
        n=int(y.size),
        auc=auc(y, probability),
        brier=brier(y, probability),
        ece=expected_calibration_error(y, probability),
        calibration=calibration_curve(y, probability),
        bands=band_rates,
        audit=result,
    )
