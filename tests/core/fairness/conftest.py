"""Shared data and trusted-peer definitions for the fairness tests."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from fairlearn.metrics import (
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_negative_rate,
    true_positive_rate,
)
from sklearn.metrics import accuracy_score, precision_score


def _rate(num: tuple[int, ...], den: tuple[int, ...]):
    """fp/(tp+fp)-style rates that neither Fairlearn nor scikit-learn ship directly."""

    def metric(y_true, y_pred):
        y = np.asarray(y_true)
        p = np.asarray(y_pred)
        cells = {
            "tp": np.sum((y == 1) & (p == 1)),
            "fp": np.sum((y == 0) & (p == 1)),
            "tn": np.sum((y == 0) & (p == 0)),
            "fn": np.sum((y == 1) & (p == 0)),
        }
        return sum(cells[c] for c in num) / sum(cells[c] for c in den)

    return metric


#: The 11 rate metrics as Fairlearn / scikit-learn compute them.
PEER_METRICS = {
    "base_rate": lambda y, p: float(np.mean(y)),
    "selection_rate": selection_rate,
    "tpr": true_positive_rate,
    "fpr": false_positive_rate,
    "fnr": false_negative_rate,
    "tnr": true_negative_rate,
    "ppv": lambda y, p: precision_score(y, p, zero_division=np.nan),
    "npv": lambda y, p: precision_score(y, p, pos_label=0, zero_division=np.nan),
    "fdr": _rate(("fp",), ("tp", "fp")),
    "for": _rate(("fn",), ("tn", "fn")),
    "accuracy": accuracy_score,
}


def decisions(n: int, *, seed: int = 0, missing: float = 0.05) -> pl.DataFrame:
    """Realistic decisions: the prediction favours one sex, some origins are missing."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(["F", "M"], n)
    age = rng.choice(["<25", "25-49", "50+"], n, p=[0.25, 0.5, 0.25])
    origin = rng.choice(["EU", "non-EU", "national"], n, p=[0.2, 0.2, 0.6])
    score = rng.beta(2, 3, n)
    label = (rng.random(n) < score).astype(np.int8)
    prediction = (score + np.where(sex == "F", -0.05, 0.05) > 0.45).astype(np.int8)
    return pl.DataFrame(
        {
            "found_work": label,
            "high_need": prediction,
            "score": score,
            "sex": sex,
            "age_band": age,
            "origin": origin,
        }
    ).with_columns(
        pl.when(pl.Series(rng.random(n) < missing))
        .then(None)
        .otherwise(pl.col("origin"))
        .alias("origin")
    )


@pytest.fixture(scope="module")
def world() -> pl.DataFrame:
    return decisions(4000, seed=7)
