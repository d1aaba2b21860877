"""Discrimination and calibration metrics of probabilities against 0/1 outcomes."""

from __future__ import annotations

import numpy as np
import polars as pl

__all__ = ["auc", "brier", "calibration_curve", "expected_calibration_error"]


def auc(target: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve (NaN when only one class is present)."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(target).astype(np.int64)
    if y.min(initial=0) == y.max(initial=0):
        return float("nan")
    return float(roc_auc_score(y, score))


def brier(target: np.ndarray, probability: np.ndarray) -> float:
    """Mean squared difference between probability and outcome."""
    return float(np.mean((np.asarray(probability) - np.asarray(target, dtype=np.float64)) ** 2))


def calibration_curve(
    target: np.ndarray, probability: np.ndarray, *, bins: int = 10
) -> pl.DataFrame:
    """Mean predicted probability and observed rate in equal-width probability bins."""
    p = np.asarray(probability, dtype=np.float64)
    y = np.asarray(target, dtype=np.float64)
    index = np.clip((p * bins).astype(np.int64), 0, bins - 1)
    n = np.bincount(index, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        predicted = np.bincount(index, weights=p, minlength=bins) / n
        observed = np.bincount(index, weights=y, minlength=bins) / n
    return pl.DataFrame(
        {
            "bin_low": np.arange(bins) / bins,
            "bin_high": (np.arange(bins) + 1) / bins,
            "n": n.astype(np.int64),
            "mean_predicted": predicted,
            "observed_rate": observed,
        }
    ).with_columns(pl.col("mean_predicted", "observed_rate").fill_nan(None))


def expected_calibration_error(
    target: np.ndarray, probability: np.ndarray, *, bins: int = 10
) -> float:
    """Weighted mean of |mean predicted - observed rate| over equal-width bins."""
    curve = calibration_curve(target, probability, bins=bins).drop_nulls()
    n = curve["n"].to_numpy()
    gap = np.abs(curve["mean_predicted"].to_numpy() - curve["observed_rate"].to_numpy())
    return float((n * gap).sum() / n.sum()) if n.sum() else float("nan")
