"""Confidence intervals: Wilson for rates, Newcombe for differences, Katz for ratios.

All functions are vectorised over groups and return NaN where an interval is undefined
(an empty denominator), never a made-up number.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import ndtri  # norm.ppf without importing scipy.stats

__all__ = ["katz_ratio", "newcombe_difference", "wilson", "z_value"]

Array = npt.NDArray[np.float64]


def z_value(confidence: float) -> float:
    """Two-sided normal quantile of a confidence level (1.96 for 0.95)."""
    return float(ndtri(0.5 + confidence / 2))


def wilson(
    successes: npt.ArrayLike, trials: npt.ArrayLike, *, confidence: float = 0.95
) -> tuple[Array, Array]:
    """Wilson score interval of a binomial proportion.

    Parameters
    ----------
    successes, trials
        Counts per group (effective counts when the data are weighted).
    confidence
        Coverage of the interval.

    Returns
    -------
    (low, high)
        NaN where ``trials`` is zero.

    Examples
    --------
    >>> low, high = wilson([8], [10])
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.4902, 0.9433)
    """
    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    z = z_value(confidence)
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1.0 + z2 / n
        centre = (p + z2 / (2 * n)) / denom
        half = z / denom * np.sqrt(np.maximum(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
        low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def newcombe_difference(
    p1: Array, low1: Array, high1: Array, p2: Array, low2: Array, high2: Array
) -> tuple[Array, Array]:
    """Newcombe's hybrid score interval for ``p1 - p2`` (his method 10).

    It combines the two Wilson intervals, so it stays inside [-1, 1] and behaves well
    near 0 and 1, where the Wald interval does not.

    Examples
    --------
    >>> import numpy as np
    >>> l1, h1 = wilson([56], [70]); l2, h2 = wilson([48], [80])
    >>> low, high = newcombe_difference(np.array([0.8]), l1, h1, np.array([0.6]), l2, h2)
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.0524, 0.3339)
    """
    d = p1 - p2
    low = d - np.sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2)
    high = d + np.sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2)
    return low, high


def katz_ratio(
    x1: Array, n1: Array, x2: Array, n2: Array, *, confidence: float = 0.95
) -> tuple[Array, Array]:
    """Katz's log interval for the ratio of two proportions ``(x1/n1) / (x2/n2)``.

    When a numerator is zero the log is undefined; 0.5 is then added to both
    numerators and both denominators (the Haldane–Anscombe correction), which is the
    usual, documented practice.

    Examples
    --------
    >>> import numpy as np
    >>> low, high = katz_ratio(np.array([30.]), np.array([100.]), np.array([15.]), np.array([100.]))
    >>> round(float(low[0]), 3), round(float(high[0]), 3)
    (1.149, 3.482)
    """
    z = z_value(confidence)
    zero = (x1 <= 0) | (x2 <= 0)
    a = np.where(zero, x1 + 0.5, x1)
    b = np.where(zero, x2 + 0.5, x2)
    m1 = np.where(zero, n1 + 0.5, n1)
    m2 = np.where(zero, n2 + 0.5, n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.log((a / m1) / (b / m2))
        se = np.sqrt(np.maximum(1 / a - 1 / m1 + 1 / b - 1 / m2, 0.0))
        valid = (n1 > 0) & (n2 > 0)
        low = np.where(valid, np.exp(log_ratio - z * se), np.nan)
        high = np.where(valid, np.exp(log_ratio + z * se), np.nan)
    return low, high
