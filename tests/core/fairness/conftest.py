"""Shared data and trusted-peer definitions for the fairness tests."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest


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
