"""Train, calibration and test splits: by time when a time column is given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

__all__ = ["Split", "split_rows"]

#: Shares of the rows used to learn, to calibrate and to test.
SHARES = (0.70, 0.15, 0.15)


@dataclass(frozen=True, eq=False)
class Split:
    train: np.ndarray
    calibration: np.ndarray
    test: np.ndarray
    method: str
    periods: dict[str, list[str]]

    def describe(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "rows": {
                "train": int(self.train.size),
                "calibration": int(self.calibration.size),
                "test": int(self.test.size),
            },
            "periods": self.periods,
        }


def split_rows(frame: pl.DataFrame, *, time_column: str | None, seed: int) -> Split:
    """Earliest 70 % to train, the next 15 % to calibrate, the latest 15 % to test.

    Without a time column the rows are shuffled with ``seed`` first. A temporal split
    tests the model as it will be used: on people who register after it was trained.
    """
    n = frame.height
    if time_column is None:
        order = np.random.default_rng(seed).permutation(n)
        method = "random"
    else:
        order = np.argsort(frame[time_column].to_physical().to_numpy(), kind="stable")
        method = "temporal"
    a = int(round(n * SHARES[0]))
    b = int(round(n * (SHARES[0] + SHARES[1])))
    parts = (np.sort(order[:a]), np.sort(order[a:b]), np.sort(order[b:]))
    periods: dict[str, list[str]] = {}
    if time_column is not None:
        column = frame[time_column]
        for name, rows in zip(("train", "calibration", "test"), parts, strict=True):
            values = column.gather(rows)
            periods[name] = [str(values.min()), str(values.max())]
    return Split(*parts, method=method, periods=periods)
