"""Tests of a group against its reference, multiple-testing correction and power."""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

# scipy.special, not scipy.stats: the same normal functions (stats calls these), and an import
# a fifth as long, which every `oversight run` and `audit` pays. Fisher's test is rare.
from scipy.special import ndtr, ndtri

__all__ = [
    "Correction",
    "adjust_p_values",
    "min_detectable_difference",
    "two_proportion_test",
]

Array = npt.NDArray[np.float64]
Correction = Literal["holm", "bh"]

#: Fisher's exact test replaces the z-test when any expected cell count is below this.
_MIN_EXPECTED = 5.0


def two_proportion_test(
    x1: Array, n1: Array, x2: Array, n2: Array
) -> tuple[Array, npt.NDArray[np.str_]]:
    """Two-sided test of ``x1/n1 == x2/n2``: pooled z-test, or Fisher's exact test.

    The 2×2 table is (successes, failures) × (group, reference). Fisher's exact test is
    used when an expected count under independence is below 5, where the normal
    approximation is unreliable; counts are rounded to whole people for it.

    Returns
    -------
    (p_values, methods)
        ``methods`` holds ``"z"``, ``"fisher"`` or ``""`` where the test is undefined
        (an empty group), with a NaN p-value.

    Examples
    --------
    >>> import numpy as np
    >>> x1, n1, x2, n2 = (np.array([v]) for v in (3.0, 10.0, 1.0, 12.0))
    >>> p, how = two_proportion_test(x1, n1, x2, n2)
    >>> str(how[0]), round(float(p[0]), 4)
    ('fisher', 0.2932)
    """
    x1, n1, x2, n2 = (np.asarray(a, dtype=np.float64) for a in (x1, n1, x2, n2))
    total = n1 + n2
    successes = x1 + x2
    valid = (n1 > 0) & (n2 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = successes / total
        expected = np.stack(
            [
                n1 * pooled,
                n1 * (1 - pooled),
                n2 * pooled,
                n2 * (1 - pooled),
            ]
        ).min(axis=0)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (x1 / n1 - x2 / n2) / se
        p = 2 * ndtr(-np.abs(z))
    # Both groups all-success or all-failure: no evidence of any difference.
    p = np.where(se == 0, 1.0, p)
    use_fisher = valid & (expected < _MIN_EXPECTED)
    if use_fisher.any():
        from scipy.stats import fisher_exact
    for i in np.flatnonzero(use_fisher):  # few small groups, not rows
        a, b = round(x1[i]), round(n1[i] - x1[i])
        c, d = round(x2[i]), round(n2[i] - x2[i])
        p[i] = fisher_exact([[a, b], [c, d]]).pvalue
    p = np.where(valid, p, np.nan)
    methods = np.where(valid, np.where(use_fisher, "fisher", "z"), "")
    return p, methods


def adjust_p_values(p_values: npt.ArrayLike, *, method: Correction = "holm") -> Array:
    """Adjust p-values for multiple testing; NaN entries are left out of the family.

    ``"holm"`` (Holm–Bonferroni) controls the family-wise error rate under any
    dependence; ``"bh"`` (Benjamini–Hochberg) controls the false discovery rate.

    Examples
    --------
    >>> adjust_p_values([0.01, 0.04, 0.03], method="holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_p_values([0.01, 0.04, 0.03], method="bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p_values, dtype=np.float64)
    out = np.full_like(p, np.nan)
    idx = np.flatnonzero(~np.isnan(p))
    m = idx.size
    if m == 0:
        return out
    order = idx[np.argsort(p[idx], kind="stable")]
    ranked = p[order]
    if method == "holm":
        adjusted = np.maximum.accumulate(ranked * (m - np.arange(m)))
    elif method == "bh":
        adjusted = np.minimum.accumulate((ranked * m / np.arange(1, m + 1))[::-1])[::-1]
    else:
        raise ValueError(f"unknown correction {method!r}; expected 'holm' or 'bh'")
    out[order] = np.minimum(adjusted, 1.0)
    return out


def min_detectable_difference(
    n1: Array, n2: Array, p_reference: Array, *, alpha: float, power: float = 0.8
) -> Array:
    """Smallest absolute difference a two-sided two-proportion test detects with ``power``.

    Normal approximation around the reference rate: ``(z_{1-α/2} + z_power) ·
    sqrt(p(1-p)(1/n1 + 1/n2))``. A reference rate of exactly 0 or 1 is moved half a
    person inwards so that an all-or-nothing reference does not claim perfect power.

    Examples
    --------
    >>> import numpy as np
    >>> n = np.array([100.0])
    >>> mdd = min_detectable_difference(n, n, np.array([0.5]), alpha=0.05)
    >>> round(float(mdd[0]), 3)
    0.198
    """
    n1 = np.asarray(n1, dtype=np.float64)
    n2 = np.asarray(n2, dtype=np.float64)
    total = n1 + n2
    with np.errstate(divide="ignore", invalid="ignore"):
        edge = 0.5 / np.maximum(total, 1.0)
        p = np.clip(np.asarray(p_reference, dtype=np.float64), edge, 1 - edge)
        scale = ndtri(1 - alpha / 2) + ndtri(power)
        mdd = scale * np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return np.where((n1 > 0) & (n2 > 0), mdd, np.nan)
