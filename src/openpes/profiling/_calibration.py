"""From raw log-odds to calibrated probabilities, and how sure each probability is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

__all__ = ["Calibration", "Calibrator", "fit_calibrator", "wilson_interval"]

Calibration = Literal["isotonic", "platt", "none"]
_SUPPORT_BINS = 20


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def wilson_interval(
    p: np.ndarray, n: np.ndarray, *, z: float = 1.959964
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion ``p`` seen among ``n`` cases (n=0 gives [0, 1])."""
    p = np.asarray(p, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    low = np.where(n > 0, np.clip(centre - half, 0, 1), 0.0)
    high = np.where(n > 0, np.clip(centre + half, 0, 1), 1.0)
    return low, high


@dataclass(frozen=True, eq=False)
class Calibrator:
    """A monotone map from raw score to probability, fitted on held-out cases.

    ``support`` counts the calibration cases whose calibrated probability fell in each
    of 20 equal bins; the interval of a probability is the Wilson interval of that
    probability as if it had been observed among that many cases. It says how much
    evidence the calibration step had near this value, not how uncertain the person's
    future is.
    """

    method: Calibration
    x: np.ndarray
    y: np.ndarray
    support: np.ndarray

    def probability(self, raw: np.ndarray) -> np.ndarray:
        raw = np.asarray(raw, dtype=np.float64)
        if self.method == "isotonic":
            return np.interp(raw, self.x, self.y)
        if self.method == "platt":
            return _sigmoid(self.x[0] * raw + self.x[1])
        return _sigmoid(raw)

    def interval(self, probability: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        bins = np.clip(
            (np.asarray(probability) * _SUPPORT_BINS).astype(np.int64), 0, _SUPPORT_BINS - 1
        )
        return wilson_interval(probability, self.support[bins])

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "x": self.x.tolist(),
            "y": self.y.tolist(),
            "support": self.support.tolist(),
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Calibrator:
        return cls(
            method=values["method"],
            x=np.asarray(values["x"], dtype=np.float64),
            y=np.asarray(values["y"], dtype=np.float64),
            support=np.asarray(values["support"], dtype=np.int64),
        )


def fit_calibrator(raw: np.ndarray, target: np.ndarray, *, method: Calibration) -> Calibrator:
    """Fit the calibration on a split the model did not learn from."""
    raw = np.asarray(raw, dtype=np.float64)
    y = np.asarray(target, dtype=np.float64)
    empty = np.empty(0)
    if method == "isotonic":
        from sklearn.isotonic import IsotonicRegression

        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
        calibrator = Calibrator(
            method,
            np.asarray(iso.X_thresholds_, dtype=np.float64),
            np.asarray(iso.y_thresholds_, dtype=np.float64),
            empty,
        )
    elif method == "platt":
        from sklearn.linear_model import LogisticRegression

        fit = LogisticRegression(C=1e6).fit(raw.reshape(-1, 1), y.astype(np.int64))
        calibrator = Calibrator(
            method, np.array([fit.coef_[0, 0], fit.intercept_[0]]), empty, empty
        )
    else:
        calibrator = Calibrator("none", empty, empty, empty)
    probability = calibrator.probability(raw)
    bins = np.clip((probability * _SUPPORT_BINS).astype(np.int64), 0, _SUPPORT_BINS - 1)
    support = np.bincount(bins, minlength=_SUPPORT_BINS).astype(np.int64)
    return Calibrator(calibrator.method, calibrator.x, calibrator.y, support)
