"""The test helper GLM agrees with scikit-learn (logit) and recovers a known cloglog model."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from tests.core.synth._glm import fit_binomial


def test_logit_matches_scikit_learn():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(5000, 3))
    y = rng.random(5000) < 1 / (1 + np.exp(-(0.3 + features @ [0.5, -1.0, 0.2])))
    ours = fit_binomial(np.column_stack([np.ones(5000), features]), y.astype(float), link="logit")
    peer = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(features, y)
    np.testing.assert_allclose(ours.coef[1:], peer.coef_[0], atol=1e-5)
    np.testing.assert_allclose(ours.coef[0], peer.intercept_[0], atol=1e-5)


def test_cloglog_recovers_log_hazard_ratios():
    rng = np.random.default_rng(1)
    n = 40_000
    group = rng.random(n) < 0.3
    covariate = rng.normal(size=n)
    log_hazard = np.log(0.7) * group + 0.5 * covariate
    # Exponential durations: P(T <= 1) = 1 - exp(-exp(log_hazard)).
    y = rng.exponential(1 / np.exp(log_hazard)) <= 1.0
    fit = fit_binomial(
        np.column_stack([np.ones(n), group, covariate]), y.astype(float), link="cloglog"
    )
    low, high = fit.interval(0.99)
    assert low[1] < np.log(0.7) < high[1]
    assert low[2] < 0.5 < high[2]
