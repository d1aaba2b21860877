"""Metric definitions: which confusion cells make each rate's numerator and denominator."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "CELLS",
    "HIGHER_IS_BETTER",
    "METRICS",
    "RATE_DEFINITIONS",
    "RATE_METRICS",
    "SCORE_METRICS",
    "MetricName",
    "rate_parts",
]

MetricName = Literal[
    "base_rate",
    "selection_rate",
    "tpr",
    "fpr",
    "fnr",
    "tnr",
    "ppv",
    "npv",
    "fdr",
    "for",
    "accuracy",
    "auc",
    "brier",
    "ece",
]

#: The four confusion cells, in the order they are stored.
CELLS: tuple[str, ...] = ("tp", "fp", "tn", "fn")

#: Each rate as (numerator cells, denominator cells). The denominator is also the
#: population a disparity test is run on, so FPR is tested among negatives only.
RATE_DEFINITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "base_rate": (("tp", "fn"), CELLS),
    "selection_rate": (("tp", "fp"), CELLS),
    "tpr": (("tp",), ("tp", "fn")),
    "fpr": (("fp",), ("fp", "tn")),
    "fnr": (("fn",), ("tp", "fn")),
    "tnr": (("tn",), ("fp", "tn")),
    "ppv": (("tp",), ("tp", "fp")),
    "npv": (("tn",), ("tn", "fn")),
    "fdr": (("fp",), ("tp", "fp")),
    "for": (("fn",), ("tn", "fn")),
    "accuracy": (("tp", "tn"), CELLS),
}
RATE_METRICS: tuple[str, ...] = tuple(RATE_DEFINITIONS)
SCORE_METRICS: tuple[str, ...] = ("auc", "brier", "ece")
METRICS: tuple[str, ...] = RATE_METRICS + SCORE_METRICS

#: Direction used by ``reference="best"``. ``None`` means it depends on whether a
#: positive decision is favourable (see ``Policy.favourable_prediction``).
HIGHER_IS_BETTER: dict[str, bool | None] = {
    "base_rate": None,
    "selection_rate": None,
    "tpr": True,
    "fpr": False,
    "fnr": False,
    "tnr": True,
    "ppv": True,
    "npv": True,
    "fdr": False,
    "for": False,
    "accuracy": True,
    "auc": True,
    "brier": False,
    "ece": False,
}


def rate_parts(
    counts: dict[str, npt.NDArray[np.float64]],
    squares: dict[str, npt.NDArray[np.float64]],
    metric: str,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Return (rate, effective successes, effective trials) of one rate for every group.

    With weights the trials are Kish's effective sample size ``(sum w)^2 / sum w^2``, so
    intervals and tests are as wide as the information really is; without weights it is
    the plain count.
    """
    num_cells, den_cells = RATE_DEFINITIONS[metric]
    num = np.sum([counts[c] for c in num_cells], axis=0)
    den = np.sum([counts[c] for c in den_cells], axis=0)
    den_sq = np.sum([squares[c] for c in den_cells], axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(den > 0, num / den, np.nan)
        n_eff = np.where(den_sq > 0, den * den / den_sq, 0.0)
    return rate, np.nan_to_num(rate * n_eff), n_eff
