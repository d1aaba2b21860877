"""A small binomial GLM (IRLS) for the bias tests, checked against scikit-learn.

The complementary log-log link matters: under proportional hazards,
``P(T <= t | x) = 1 - exp(-Lambda0(t) * exp(x @ beta))``, so ``cloglog(P) = log Lambda0(t) +
x @ beta`` and the fitted coefficients are log hazard ratios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Fit:
    coef: np.ndarray
    se: np.ndarray

    def interval(self, level: float = 0.99) -> tuple[np.ndarray, np.ndarray]:
        z = stats.norm.ppf(0.5 + level / 2)
        return self.coef - z * self.se, self.coef + z * self.se


def fit_binomial(
    x: np.ndarray, y: np.ndarray, *, link: Literal["logit", "cloglog"], iterations: int = 50
) -> Fit:
    """Maximum-likelihood binomial GLM with an intercept in the first column of ``x``."""
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        eta = np.clip(x @ beta, -30, 30)
        if link == "logit":
            mu = 1 / (1 + np.exp(-eta))
            d_mu = mu * (1 - mu)
        else:
            mu = -np.expm1(-np.exp(eta))
            d_mu = np.exp(eta - np.exp(eta))
        mu = np.clip(mu, 1e-10, 1 - 1e-10)
        weight = d_mu**2 / (mu * (1 - mu))
        z = eta + (y - mu) / np.maximum(d_mu, 1e-300)
        information = x.T @ (x * weight[:, None])
        new = np.linalg.solve(information, x.T @ (weight * z))
        if np.max(np.abs(new - beta)) < 1e-10:
            beta = new
            break
        beta = new
    covariance = np.linalg.inv(information)
    return Fit(coef=beta, se=np.sqrt(np.diag(covariance)))
