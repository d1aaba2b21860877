from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from openpes.profiling._columns import specs_for
from openpes.profiling._proxy import proxy_analysis


def test_a_planted_proxy_is_caught_and_noise_is_not() -> None:
    rng = np.random.default_rng(2)
    n = 3000
    group = rng.choice(["a", "b", "c"], size=n)
    frame = pl.DataFrame(
        {
            "postcode": np.where(rng.random(n) < 0.95, group, "z"),  # near-copy of the group
            "noise": rng.normal(size=n),
            "group": group,
            "coin": rng.random(n) < 0.5,
            "age": rng.integers(18, 65, size=n),
        }
    )
    specs = specs_for(frame, ["postcode", "noise"])
    results = {
        r.attribute: r
        for r in proxy_analysis(
            frame[:2000], frame[2000:], specs, ["group", "coin", "age"], threshold=0.7, seed=0
        )
    }
    assert results["group"].auc > 0.9 and results["group"].warning
    assert results["coin"].auc == pytest.approx(0.5, abs=0.07) and not results["coin"].warning
    assert results["age"].target == "above median" and not results["age"].warning
