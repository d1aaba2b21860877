"""Population stability index and new categories, checked against hand computations."""

from __future__ import annotations

import math

import narwhals as nw
import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openpes.oversight import run_monitors
from openpes.oversight._drift import EMPTY_SHARE, drift_table, psi
from tests.core.oversight.conftest import make_world, window_kwargs


def _lazy(frame: pl.DataFrame):
    return nw.from_native(frame.lazy())


def _by_hand(actual: list[float], expected: list[float]) -> float:
    total = 0.0
    for a, e in zip(actual, expected, strict=True):
        a, e = max(a, EMPTY_SHARE), max(e, EMPTY_SHARE)
        total += (a - e) * math.log(a / e)
    return total


def test_psi_of_two_share_vectors():
    assert psi([0.25, 0.25, 0.5], [0.25, 0.25, 0.5]) == 0.0
    assert psi([0.1, 0.9], [0.5, 0.5]) == pytest.approx(
        (0.1 - 0.5) * math.log(0.1 / 0.5) + (0.9 - 0.5) * math.log(0.9 / 0.5)
    )


def test_numeric_feature_cut_at_reference_deciles():
    reference = pl.DataFrame({"age": [float(v) for v in range(100)]})
    # Every value of the lower half twice: the five lower deciles hold 20% each.
    current = pl.DataFrame({"age": [float(v) for v in range(50)] * 2})
    table, bins = drift_table(_lazy(current), _lazy(reference), min_group_size=10)
    expected = _by_hand([0.2] * 5 + [0.0] * 5, [0.1] * 10)
    value = table.filter(pl.col("metric") == "psi")["value"][0]
    assert value == pytest.approx(expected, rel=1e-12)
    assert bins.filter(pl.col("feature") == "age").height == 11  # 10 deciles + missing
    assert bins["reference"].sum() == pytest.approx(1.0)


def test_categories_and_new_categories():
    reference = pl.DataFrame({"region": ["A"] * 50 + ["B"] * 50})
    current = pl.DataFrame({"region": ["A"] * 40 + ["B"] * 40 + ["C"] * 20})
    table, _ = drift_table(_lazy(current), _lazy(reference), min_group_size=10)
    value = dict(zip(table["metric"], table["value"], strict=True))
    assert value["psi"] == pytest.approx(_by_hand([0.4, 0.4, 0.2], [0.5, 0.5, 0.0]), rel=1e-12)
    assert value["new_category_share"] == pytest.approx(0.2)
    assert table["new_categories"][0] == "C"


def test_missing_values_are_a_bin_of_their_own():
    reference = pl.DataFrame({"x": [1.0, 2.0, 3.0, 4.0] * 25})
    current = pl.DataFrame({"x": [1.0, 2.0, 3.0, None] * 25})
    table, bins = drift_table(_lazy(current), _lazy(reference), min_group_size=10)
    missing = bins.filter(pl.col("bin") == "(missing)")
    assert missing["current"][0] == pytest.approx(0.25)
    assert table.filter(pl.col("metric") == "psi")["value"][0] > 0.25


def test_too_few_rows_give_no_value():
    small = pl.DataFrame({"x": [1.0, 2.0, 3.0]})
    table, _ = drift_table(_lazy(small), _lazy(small), min_group_size=10)
    assert table["value"].null_count() == table.height


def test_feature_drift_through_run_monitors_raises_an_alert():
    world = make_world(4000, seed=9)
    reference = pl.DataFrame(
        {"person_id": range(4000), "months_unemployed": [float(i % 24) for i in range(4000)]}
    )
    current = reference.with_columns(pl.col("months_unemployed") + 12)
    run = run_monitors(
        suggestions=None,
        assessments=world.assessments,
        outcomes=None,
        features_current=current,
        features_reference=reference,
        **window_kwargs(),
    )
    drift = run.monitor("support_needs", "drift")
    row = drift.table.filter(pl.col("group") == "months_unemployed", pl.col("metric") == "psi")
    assert row["value"][0] > 0.25
    assert row["verdict"][0] == "fail"
    assert any(a.monitor == "drift" and a.group == "months_unemployed" for a in run.alerts)
    # The model's own output did not drift between the windows.
    output = drift.table.filter(pl.col("group") == "probability", pl.col("metric") == "psi")
    assert output["value"][0] < 0.1


@given(
    st.lists(st.floats(0.01, 1.0), min_size=2, max_size=12).flatmap(
        lambda a: st.tuples(
            st.just(a), st.lists(st.floats(0.01, 1.0), min_size=len(a), max_size=len(a))
        )
    )
)
def test_psi_is_symmetric_non_negative_and_zero_only_for_equal_shares(pair):
    a, e = (np.asarray(v) / np.sum(v) for v in pair)
    value = psi(a, e)
    assert value >= 0
    assert value == pytest.approx(psi(e, a))
    assert psi(a, a) == 0.0
