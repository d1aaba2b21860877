"""Which listed vacancy a re-employed job seeker was hired into, if any."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["HIRING_PARAMETERS", "pick_vacancies"]

HIRING_PARAMETERS: dict[str, Any] = {
    # Share of hires made through a vacancy registered with the PES; PES market shares
    # of vacancies are typically 30-40 % (European Network of PES, PES capacity reports).
    "share_through_listed_vacancy": 0.35,
    # A hire fills an offer of the person's main occupation posted at most this long
    # before the hire, preferably in the person's region, else anywhere.
    "max_days_since_posting": 120,
    # Among the latest fitting offers, pick one of this many at random.
    "spread_over_latest": 3,
}

_DAY_SPAN = 1 << 12  # larger than any day number used as a key, plus its offset
_DAY_SHIFT = 1 << 10  # days may start before the epoch (offers posted in advance)


def _latest_fitting(
    vacancy_group: np.ndarray,
    vacancy_day: np.ndarray,
    group: np.ndarray,
    day: np.ndarray,
    back: np.ndarray,
    max_age: int,
) -> np.ndarray:
    """Index of a vacancy of the same group posted at most ``max_age`` days before ``day``.

    Returns -1 where none fits.
    """
    order = np.lexsort((vacancy_day, vacancy_group))
    keys = vacancy_group[order] * _DAY_SPAN + vacancy_day[order] + _DAY_SHIFT
    probe = group * _DAY_SPAN + day + _DAY_SHIFT
    latest = np.searchsorted(keys, probe, side="right") - 1
    result = np.full(len(group), -1, dtype=np.int64)
    for offset in (back, np.zeros_like(back)):
        position = latest - offset
        safe = np.clip(position, 0, max(len(keys) - 1, 0))
        if len(keys) == 0:
            break
        chosen = order[safe]
        fits = (
            (result < 0)
            & (position >= 0)
            & (vacancy_group[chosen] == group)
            & (day - vacancy_day[chosen] <= max_age)
            & (day >= vacancy_day[chosen])
        )
        result = np.where(fits, chosen, result)
    return result


def pick_vacancies(
    rng: np.random.Generator,
    *,
    hired: np.ndarray,
    occupation: np.ndarray,
    region: np.ndarray,
    hire_day: np.ndarray,
    vacancy_occupation: np.ndarray,
    vacancy_region: np.ndarray,
    vacancy_day: np.ndarray,
    n_regions: int,
) -> np.ndarray:
    """Vacancy index per person (-1: not hired through a listed vacancy)."""
    h = HIRING_PARAMETERS
    n = len(hired)
    through_listed = hired & (rng.random(n) < h["share_through_listed_vacancy"])
    back = rng.integers(0, h["spread_over_latest"], n)
    result = np.full(n, -1, dtype=np.int64)
    if len(vacancy_occupation) == 0:
        return result
    rows = np.flatnonzero(through_listed)
    local = _latest_fitting(
        vacancy_occupation.astype(np.int64) * n_regions + vacancy_region,
        vacancy_day,
        occupation[rows].astype(np.int64) * n_regions + region[rows],
        hire_day[rows],
        back[rows],
        h["max_days_since_posting"],
    )
    anywhere = _latest_fitting(
        vacancy_occupation.astype(np.int64),
        vacancy_day,
        occupation[rows].astype(np.int64),
        hire_day[rows],
        back[rows],
        h["max_days_since_posting"],
    )
    result[rows] = np.where(local >= 0, local, anywhere)
    return result
