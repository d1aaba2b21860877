from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binomtest
from scipy.stats.contingency import relative_risk

from openpes.fairness._intervals import katz_ratio, newcombe_difference, wilson


@pytest.mark.parametrize(
    ("x", "n"), [(0, 20), (1, 29), (15, 148), (81, 263), (29, 29), (500, 1000)]
)
def test_wilson_matches_scipy(x, n):
    expected = binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = wilson([x], [n])
    assert low[0] == pytest.approx(expected.low, abs=1e-12)
    assert high[0] == pytest.approx(expected.high, abs=1e-12)


def test_wilson_published_values():
    # Newcombe (1998), Statistics in Medicine 17, Table I, method 3.
    low, high = wilson([81, 15, 0], [263, 148, 20])
    assert np.round(low, 4).tolist() == [0.2553, 0.0624, 0.0]
    assert np.round(high, 4).tolist() == [0.3662, 0.1605, 0.1611]


def test_wilson_empty_group_is_undefined():
    low, high = wilson([0], [0])
    assert np.isnan(low[0]) and np.isnan(high[0])


@pytest.mark.parametrize(
    ("a", "m", "b", "k", "expected"),
    # Newcombe (1998), Table II, method 10 (hybrid score interval).
    [(56, 70, 48, 80, (0.0524, 0.3339)), (9, 10, 3, 10, (0.1705, 0.8090))],
)
def test_newcombe_published_values(a, m, b, k, expected):
    l1, h1 = wilson([a], [m])
    l2, h2 = wilson([b], [k])
    low, high = newcombe_difference(np.array([a / m]), l1, h1, np.array([b / k]), l2, h2)
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == expected


@given(st.integers(1, 400), st.integers(1, 400), st.floats(0.01, 0.99), st.floats(0.01, 0.99))
def test_katz_matches_scipy_relative_risk(n1, n2, q1, q2):
    x1, x2 = max(1, round(n1 * q1)), max(1, round(n2 * q2))
    n1, n2 = max(n1, x1), max(n2, x2)
    expected = relative_risk(x1, n1, x2, n2).confidence_interval(confidence_level=0.95)
    low, high = katz_ratio(*(np.array([float(v)]) for v in (x1, n1, x2, n2)))
    assert low[0] == pytest.approx(expected.low, rel=1e-9)
    assert high[0] == pytest.approx(expected.high, rel=1e-9)


def test_katz_zero_count_uses_continuity_correction():
    low, high = katz_ratio(*(np.array([v]) for v in (0.0, 50.0, 10.0, 50.0)))
    assert 0 < low[0] < high[0] < 1


@pytest.mark.parametrize(("p", "n"), [(0.3, 200), (0.05, 400), (0.5, 50)])
def test_wilson_coverage_simulation(p, n):
    rng = np.random.default_rng(20261126)
    successes = rng.binomial(n, p, size=2000)
    low, high = wilson(successes, np.full(2000, n))
    coverage = np.mean((low <= p) & (p <= high))
    assert 0.93 <= coverage <= 0.97
