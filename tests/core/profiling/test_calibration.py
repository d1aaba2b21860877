from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openpes.profiling._calibration import fit_calibrator, wilson_interval
from openpes.profiling._metrics import (
    auc,
    brier,
    calibration_curve,
    expected_calibration_error,
)

RNG = np.random.default_rng(3)
RAW = RNG.normal(size=2000)
Y = (RNG.random(2000) < 1 / (1 + np.exp(-1.5 * RAW))).astype(int)


def test_isotonic_matches_scikit_learn() -> None:
    from sklearn.isotonic import IsotonicRegression

    calibrator = fit_calibrator(RAW, Y, method="isotonic")
    peer = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(RAW, Y)
    probe = np.concatenate([RAW[:300], [-10.0, 10.0]])
    np.testing.assert_allclose(calibrator.probability(probe), peer.predict(probe), atol=1e-12)


def test_platt_matches_a_logistic_fit_and_recovers_the_slope() -> None:
    calibrator = fit_calibrator(RAW, Y, method="platt")
    assert calibrator.x[0] == pytest.approx(1.5, abs=0.25)
    assert calibrator.support.sum() == RAW.size


def test_none_is_the_logistic_function() -> None:
    calibrator = fit_calibrator(RAW, Y, method="none")
    np.testing.assert_allclose(calibrator.probability(np.array([0.0, np.log(3)])), [0.5, 0.75])


def test_wilson_interval_matches_published_values() -> None:
    # Newcombe (1998), Table I: 81/263 -> 0.2553 to 0.3662 (Wilson score).
    low, high = wilson_interval(np.array([81 / 263]), np.array([263]))
    assert low[0] == pytest.approx(0.2553, abs=1e-4)
    assert high[0] == pytest.approx(0.3662, abs=1e-4)
    low, high = wilson_interval(np.array([0.5]), np.array([0]))
    assert (low[0], high[0]) == (0.0, 1.0)


@given(st.floats(0, 1), st.integers(1, 10_000))
def test_wilson_interval_contains_the_estimate(p: float, n: int) -> None:
    low, high = wilson_interval(np.array([p]), np.array([n]))
    assert 0 <= low[0] <= p + 1e-12 and p - 1e-12 <= high[0] <= 1


def test_metrics_match_scikit_learn() -> None:
    from sklearn.calibration import calibration_curve as sk_curve
    from sklearn.metrics import brier_score_loss, roc_auc_score

    p = 1 / (1 + np.exp(-RAW))
    assert auc(Y, p) == pytest.approx(roc_auc_score(Y, p))
    assert brier(Y, p) == pytest.approx(brier_score_loss(Y, p))
    curve = calibration_curve(Y, p).drop_nulls()
    observed, predicted = sk_curve(Y, p, n_bins=10, strategy="uniform")
    np.testing.assert_allclose(curve["observed_rate"].to_numpy(), observed)
    np.testing.assert_allclose(curve["mean_predicted"].to_numpy(), predicted)
    n = curve["n"].to_numpy()
    manual = float((n * np.abs(observed - predicted)).sum() / n.sum())
    assert expected_calibration_error(Y, p) == pytest.approx(manual)


def test_a_perfectly_calibrated_score_has_a_small_ece() -> None:
    rng = np.random.default_rng(9)
    p = rng.random(200_000)
    y = rng.random(p.size) < p
    assert expected_calibration_error(y, p) < 0.01
