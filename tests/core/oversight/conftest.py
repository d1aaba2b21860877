"""A synthetic PES world for the oversight monitors, with an optional planted bias."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import polars as pl
import pytest

PERIOD = (datetime(2026, 9, 1), datetime(2026, 11, 1))
REFERENCE = (datetime(2026, 1, 1), datetime(2026, 3, 1))
SENSITIVE = ["sex", "age_band", "origin"]
BANDS = np.array(["low", "medium", "high"])


@dataclass(frozen=True)
class World:
    suggestions: pl.DataFrame
    assessments: pl.DataFrame
    outcomes: pl.DataFrame


def _moments(rng: np.random.Generator, n: int) -> np.ndarray:
    """Half the people in the reference window, half in the monitored period."""
    start = np.where(rng.random(n) < 0.5, REFERENCE[0], PERIOD[0]).astype("datetime64[s]")
    offset = rng.integers(0, 59 * 24 * 3600, n).astype("timedelta64[s]")
    return (start + offset).astype("datetime64[ms]")


def make_world(n: int = 20_000, *, seed: int = 0, bias: float = 0.0, k: int = 3) -> World:
    """``n`` people, one assessment and ``k`` suggestions each.

    ``bias`` is the planted bias: the extra chance that a counsellor moves a job seeker of
    origin ``non-EU`` to a lower support band than the model's.
    """
    rng = np.random.default_rng(seed)
    person = np.arange(n)
    sex = rng.choice(["F", "M"], n)
    age = rng.choice(["<25", "25-49", "50+"], n, p=[0.25, 0.5, 0.25])
    origin = rng.choice(["national", "EU", "non-EU"], n, p=[0.6, 0.2, 0.2])
    team = rng.choice(["north", "south", "east", "west"], n)
    counsellor = np.char.add(team, rng.integers(0, 10, n).astype(str))
    shown = _moments(rng, n)
    decided = shown + (15 + rng.exponential(240, n)).astype("timedelta64[s]").astype(
        "timedelta64[ms]"
    )
    # A calibrated model: the outcome is drawn from the probability itself.
    probability = rng.beta(2, 2, n)
    not_in_work = rng.random(n) < probability
    model = np.digitize(probability, [0.35, 0.65])
    # The counsellor's own view differs from the model's by one step in 30% of cases...
    step = np.where(rng.random(n) < 0.3, rng.choice([-1, 1], n), 0)
    own = np.clip(model + step, 0, 2)
    # ... and after seeing the model's band they move to it in 40% of those cases.
    final = np.where(rng.random(n) < 0.4, model, own)
    # Planted bias: people of non-EU origin are moved to less support more often.
    lower = (origin == "non-EU") & (rng.random(n) < bias) & (final > 0)
    final = np.where(lower, final - 1, final)
    in_period = shown >= np.datetime64(PERIOD[0])
    assessments = pl.DataFrame(
        {
            "person_id": person,
            "model_band": BANDS[model],
            "counsellor_band": BANDS[own],
            "final_band": BANDS[final],
            "probability": probability,
            "shown_at": shown,
            "decided_at": decided,
            "team": team,
            "counsellor": counsellor,
            "sex": sex,
            "age_band": age,
            "origin": origin,
        }
    ).with_columns(pl.col("shown_at", "decided_at").cast(pl.Datetime("us")))
    # Outcomes are known for the reference window only (12 months have passed).
    outcomes = pl.DataFrame(
        {"person_id": person, "employed_within_12m": ~not_in_work}
    ).with_columns(
        pl.when(pl.Series(in_period))
        .then(None)
        .otherwise(pl.col("employed_within_12m"))
        .alias("employed_within_12m")
    )
    idx = np.repeat(person, k)
    m = n * k
    verdict = rng.choice(["accepted", "adapted", "rejected", None], m, p=[0.6, 0.2, 0.15, 0.05])
    suggestions = pl.DataFrame(
        {
            "person_id": idx,
            "shown_at": shown[idx],
            "decided_at": decided[idx]
            + rng.integers(0, 60, m).astype("timedelta64[s]").astype("timedelta64[ms]"),
            "verdict": verdict,
            "score": rng.beta(3, 3, m),
            "salary": rng.normal(2400, 400, m),
            "distance_km": rng.gamma(2, 8, m),
            "team": team[idx],
            "counsellor": counsellor[idx],
            "sex": sex[idx],
            "age_band": age[idx],
            "origin": origin[idx],
        }
    ).with_columns(
        pl.col("shown_at").cast(pl.Datetime("us")),
        pl.when(pl.col("verdict").is_null())
        .then(None)
        .otherwise(pl.col("decided_at"))
        .cast(pl.Datetime("us"))
        .alias("decided_at"),
    )
    return World(suggestions, assessments, outcomes)


def window_kwargs() -> dict[str, object]:
    return {
        "period_start": PERIOD[0],
        "period_end": PERIOD[1],
        "reference_start": REFERENCE[0],
        "reference_end": REFERENCE[1],
        "sensitive": SENSITIVE,
    }


@pytest.fixture(scope="module")
def fair_world() -> World:
    return make_world(20_000, seed=11)


@pytest.fixture(scope="module")
def biased_world() -> World:
    return make_world(20_000, seed=12, bias=0.15)
