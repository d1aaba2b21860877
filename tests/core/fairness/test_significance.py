from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, false_discovery_control, fisher_exact

from openpes.fairness._significance import (
    adjust_p_values,
    min_detectable_difference,
    two_proportion_test,
)


def _arrays(*values):
    return [np.array([float(v)]) for v in values]


@given(st.integers(20, 500), st.integers(20, 500), st.floats(0.2, 0.8), st.floats(0.2, 0.8))
def test_z_test_equals_uncorrected_chi_square(n1, n2, q1, q2):
    x1, x2 = round(n1 * q1), round(n2 * q2)
    p, how = two_proportion_test(*_arrays(x1, n1, x2, n2))
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    expected = chi2_contingency(table, correction=False).pvalue
    if how[0] == "z":
        assert p[0] == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_small_expected_count_uses_fisher():
    p, how = two_proportion_test(*_arrays(1, 12, 6, 14))
    assert how[0] == "fisher"
    assert p[0] == pytest.approx(fisher_exact([[1, 11], [6, 8]]).pvalue, rel=1e-12)


def test_empty_group_has_no_test():
    p, how = two_proportion_test(*_arrays(0, 0, 3, 10))
    assert np.isnan(p[0]) and how[0] == ""


def test_holm_textbook_example():
    # Holm (1979)-style step-down: sorted p * (m - rank + 1), made monotone.
    p = [0.01, 0.02, 0.03, 0.04, 0.05]
    assert adjust_p_values(p, method="holm").round(6).tolist() == [0.05, 0.08, 0.09, 0.09, 0.09]


@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
def test_bh_matches_scipy(p):
    ours = adjust_p_values(p, method="bh")
    assert np.allclose(ours, false_discovery_control(p, method="bh"), atol=1e-12)


def test_holm_is_at_least_bh_and_ignores_nan():
    p = np.array([0.001, np.nan, 0.02, 0.04, 0.3])
    holm, bh = adjust_p_values(p, method="holm"), adjust_p_values(p, method="bh")
    assert np.isnan(holm[1]) and np.isnan(bh[1])
    keep = ~np.isnan(p)
    assert np.all(holm[keep] >= bh[keep]) and np.all(bh[keep] >= p[keep])


@pytest.mark.parametrize("method", ["holm", "bh"])
def test_null_simulation_keeps_family_wise_error(method):
    """With no real differences, a family of 12 tests rejects anything in at most ~5% of runs."""
    rng = np.random.default_rng(42)
    runs, tests, n = 2000, 12, 300
    x1 = rng.binomial(n, 0.3, size=(runs, tests)).astype(float)
    x2 = rng.binomial(n, 0.3, size=(runs, tests)).astype(float)
    ns = np.full(runs * tests, float(n))
    p, _ = two_proportion_test(x1.ravel(), ns, x2.ravel(), ns)
    p = p.reshape(runs, tests)
    any_rejected = np.array([np.any(adjust_p_values(row, method=method) < 0.05) for row in p])
    # 0.05 plus three Monte-Carlo standard errors (sqrt(.05 * .95 / 2000) ~ 0.005).
    assert any_rejected.mean() <= 0.05 + 3 * 0.005


def test_min_detectable_difference_has_80_percent_power():
    n, p_ref = 400.0, 0.3
    mdd = float(
        min_detectable_difference(np.array([n]), np.array([n]), np.array([p_ref]), alpha=0.05)[0]
    )
    rng = np.random.default_rng(3)
    runs = 4000
    x1 = rng.binomial(int(n), p_ref + mdd, runs).astype(float)
    x2 = rng.binomial(int(n), p_ref, runs).astype(float)
    p, _ = two_proportion_test(x1, np.full(runs, n), x2, np.full(runs, n))
    assert np.mean(p < 0.05) == pytest.approx(0.8, abs=0.04)


def test_min_detectable_difference_shrinks_with_size():
    sizes = np.array([10.0, 100.0, 1000.0])
    mdd = min_detectable_difference(sizes, sizes, np.full(3, 0.2), alpha=0.05)
    assert np.all(np.diff(mdd) < 0)
