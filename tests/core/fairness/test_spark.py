"""The Spark engine gives the same audit as the Polars engine (CI runs this)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from openpes.fairness import RATE_METRICS, audit
from tests.conftest import local_spark
from tests.core.fairness.conftest import decisions

pytestmark = [pytest.mark.spark, pytest.mark.slow]

ROWS = 200_000


@pytest.fixture(scope="module")
def spark():
    yield from local_spark(
        "openpes-fairness-tests",
        {
            "spark.sql.shuffle.partitions": "4",
            "spark.sql.execution.arrow.pyspark.enabled": "true",
        },
    )


@pytest.fixture(scope="module")
def both(spark):
    df = decisions(ROWS, seed=2026)
    kwargs = {
        "label": "found_work",
        "prediction": "high_need",
        "score": "score",
        "sensitive": ["sex", "age_band", "origin"],
        "intersections": 2,
    }
    on_spark = audit(spark.createDataFrame(df.to_arrow()), **kwargs)
    on_polars = audit(df, **kwargs)
    return on_spark, on_polars


def _sorted(frame: pl.DataFrame, *keys: str) -> pl.DataFrame:
    return frame.with_columns(pl.col("attributes").struct.json_encode().alias("_k")).sort(
        *keys, "_k"
    )


def test_counts_are_identical(both):
    on_spark, on_polars = both
    assert on_spark.engine == "spark" and on_polars.engine == "polars"
    a = _sorted(on_spark.groups_unsuppressed(), "grouping")
    b = _sorted(on_polars.groups_unsuppressed(), "grouping")
    assert a.height == b.height > 20
    assert a.select("grouping", "_k", "n", "tp", "fp", "tn", "fn", "suppressed").equals(
        b.select("grouping", "_k", "n", "tp", "fp", "tn", "fn", "suppressed")
    )
    assert a.filter(pl.col("grouping") == "overall")["n"].to_list() == [ROWS]


def test_rates_intervals_and_exact_score_sums_agree(both):
    on_spark, on_polars = both
    a = _sorted(on_spark.groups_unsuppressed(), "grouping")
    b = _sorted(on_polars.groups_unsuppressed(), "grouping")
    columns = [f"{m}{s}" for m in RATE_METRICS for s in ("", "_ci_low", "_ci_high")]
    for column in [*columns, "brier", "ece"]:
        assert np.allclose(a[column].to_numpy(), b[column].to_numpy(), atol=1e-12, rtol=0), column


def test_binned_auc_is_within_documented_error(both):
    on_spark, on_polars = both
    a = _sorted(on_spark.groups_unsuppressed(), "grouping")["auc"].to_numpy()
    b = _sorted(on_polars.groups_unsuppressed(), "grouping")["auc"].to_numpy()
    assert np.max(np.abs(a - b)) <= 1e-3


def test_disparities_agree(both):
    on_spark, on_polars = both
    keys = ("metric", "grouping")
    a = _sorted(on_spark.disparities, *keys)
    b = _sorted(on_polars.disparities, *keys)
    assert a["verdict"].to_list() == b["verdict"].to_list()
    for column in (
        "ratio",
        "difference_ci_low",
        "p_value",
        "p_adjusted",
        "min_detectable_difference",
    ):
        assert np.allclose(
            a[column].to_numpy(), b[column].to_numpy(), atol=1e-12, rtol=1e-9, equal_nan=True
        ), column
    assert on_spark.verdict == on_polars.verdict


def test_engine_argument_moves_data_between_backends(spark):
    df = decisions(2000, seed=4)
    kwargs = {"label": "found_work", "prediction": "high_need", "sensitive": "sex"}
    pushed = audit(df, engine="spark", **kwargs)
    pulled = audit(spark.createDataFrame(df.to_arrow()), engine="polars", **kwargs)
    assert pushed.engine == "spark" and pulled.engine == "polars"
    assert (
        _sorted(pushed.groups, "grouping")
        .drop("_k")
        .equals(_sorted(pulled.groups, "grouping").drop("_k"))
    )
