"""The vectorised helpers agree with plain Python versions of the same operation."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from openpes.synth._sampling import (
    expand_csr,
    first_occurrences,
    list_column,
    offsets_of,
    sorted_unique,
    weighted_choice,
)

ragged = st.lists(st.lists(st.integers(0, 50), max_size=6), min_size=1, max_size=20)


@settings(deadline=None)
@given(table=ragged, data=st.data())
def test_expand_csr_lists_every_value_of_every_key(table, data):
    offsets = np.concatenate([[0], np.cumsum([len(row) for row in table])]).astype(np.int64)
    values = np.asarray([v for row in table for v in row], dtype=np.int64)
    keys = np.asarray(
        data.draw(st.lists(st.integers(0, len(table) - 1), max_size=15)), dtype=np.int64
    )
    row, value = expand_csr(keys, offsets, values)
    expected = [(r, v) for r, key in enumerate(keys) for v in table[key]]
    assert list(zip(row.tolist(), value.tolist(), strict=True)) == expected


@settings(deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=40))
def test_unique_helpers_match_python(keys):
    array = np.asarray(keys, dtype=np.int64)
    assert sorted_unique(array).tolist() == sorted(set(keys))
    seen: dict[int, int] = {}
    for index, key in enumerate(keys):
        seen.setdefault(key, index)
    assert first_occurrences(array).tolist() == sorted(seen.values())


@settings(deadline=None)
@given(ragged)
def test_list_column_rebuilds_the_lists(table):
    owner = np.repeat(np.arange(len(table)), [len(row) for row in table])
    offsets = offsets_of(owner, len(table))
    flat = pl.Series([str(v) for row in table for v in row], dtype=pl.String)
    column = list_column("values", offsets, flat)
    assert column.dtype == pl.List(pl.String)
    assert column.to_list() == [[str(v) for v in row] for row in table]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=2, max_size=8).filter(lambda w: sum(w) > 0))
def test_weighted_choice_follows_the_weights(weights):
    rng = np.random.default_rng(sum(weights))
    draws = weighted_choice(rng, np.asarray(weights, dtype=float), 20_000)
    counts = np.bincount(draws, minlength=len(weights))
    assert counts[np.asarray(weights) == 0].sum() == 0
    positive = np.asarray(weights) > 0
    expected = np.asarray(weights)[positive] / sum(weights) * 20_000
    # A chi-square goodness-of-fit test that a wrong sampler fails by a wide margin.
    if positive.sum() > 1:
        assert stats.chisquare(counts[positive], expected).pvalue > 1e-4
