"""The packed-key exact AUC (``_ranking.py``) against scikit-learn on awkward inputs."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from openpes.fairness import audit

# Scores at the edges of [0, 1], signed zero, and values shared across groups.
_EDGE_SCORES = np.array([0.0, -0.0, 1.0, 0.5, 0.1 + 0.2, 0.3, 5e-324, 1 - 2**-53])


def _check_against_scikit_learn(df: pl.DataFrame, *, weighted: bool) -> None:
    result = audit(
        df,
        label="y",
        prediction="p",
        score="s",
        sensitive=["a", "b", "c"],
        intersections=3,
        weight="w" if weighted else None,
        min_group_size=1,
    )
    y_all, s_all, w_all = (df[c].to_numpy() for c in ("y", "s", "w"))
    checked = 0
    for row in result.groups_unsuppressed().iter_rows(named=True):
        mask = np.ones(df.height, dtype=bool)
        for attr, value in row["attributes"].items():
            if value is not None:
                column = df[attr].cast(pl.String).fill_null("(missing)").to_numpy()
                mask &= column == value
        y = y_all[mask]
        w = w_all[mask] if weighted else np.ones(y.size)
        if w[y == 1].sum() == 0 or w[y == 0].sum() == 0:
            assert row["auc"] is None
            continue
        expected = roc_auc_score(y, s_all[mask], sample_weight=w if weighted else None)
        assert row["auc"] == pytest.approx(expected, abs=1e-12)
        checked += 1
    assert checked > 0


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(2, 120),
    weighted=st.booleans(),
    edge_share=st.sampled_from([0.0, 0.5, 1.0]),
)
def test_auc_matches_scikit_learn_on_edge_scores_and_sparse_groups(seed, n, weighted, edge_share):
    rng = np.random.default_rng(seed)
    score = rng.random(n)
    edge = rng.random(n) < edge_share
    score[edge] = rng.choice(_EDGE_SCORES, int(edge.sum()))
    df = pl.DataFrame(
        {
            "y": rng.integers(0, 2, n).astype(np.int8),
            "p": rng.integers(0, 2, n).astype(np.int8),
            "s": score,
            # Many combinations are empty or hold a single class; `c` has nulls.
            "a": rng.choice(["x", "y", "z", "q"], n),
            "b": rng.integers(0, 3, n),
            "c": pl.Series(rng.choice(["u", "v", "w"], n)).scatter(
                np.flatnonzero(rng.random(n) < 0.2), None
            ),
            # Zero weights are allowed and must not count.
            "w": np.where(rng.random(n) < 0.1, 0.0, rng.uniform(0.1, 3.0, n)),
        }
    )
    if df["y"].min() == df["y"].max():
        df = df.with_columns(pl.Series("y", np.arange(n) % 2, dtype=pl.Int8))
    if weighted and df.filter(pl.col("w") > 0)["y"].n_unique() < 2:
        df = df.with_columns(pl.lit(1.0).alias("w"))
    _check_against_scikit_learn(df, weighted=weighted)


def test_auc_is_exact_where_the_whole_population_has_no_ties():
    # No tied scores overall: the tie step is skipped for every grouping after the first.
    rng = np.random.default_rng(7)
    n = 2_000
    df = pl.DataFrame(
        {
            "y": rng.integers(0, 2, n).astype(np.int8),
            "p": rng.integers(0, 2, n).astype(np.int8),
            "s": rng.permutation(n) / n,
            "a": rng.choice(["x", "y"], n),
            "b": rng.integers(0, 4, n),
            "c": rng.choice(["u", "v", "w"], n),
            "w": rng.uniform(0.5, 2.0, n),
        }
    )
    _check_against_scikit_learn(df, weighted=False)
