"""The 11 rate metrics as the trusted peers (Fairlearn, scikit-learn) compute them.

Shared by the tests and ``benchmarks/fairness.py``, so both compare against the same peer.
"""

from __future__ import annotations

import numpy as np
from fairlearn.metrics import (
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_negative_rate,
    true_positive_rate,
)
from sklearn.metrics import accuracy_score, precision_score

__all__ = ["PEER_METRICS"]


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
