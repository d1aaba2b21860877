"""The monitors give the same results on Spark (from an export) as on Polars."""

from __future__ import annotations

import polars as pl
import pytest

from openpes.oversight import run_monitors, run_to_dict
from tests.conftest import local_spark
from tests.core.oversight.conftest import make_world, window_kwargs

pytestmark = [pytest.mark.spark, pytest.mark.slow]

KEYS = ["attribute", "group", "metric"]
NUMBERS = ["n", "value", "low", "high", "reference_value", "difference", "p_adjusted"]


@pytest.fixture(scope="module")
def spark():
    yield from local_spark(
        "openpes-oversight-tests",
        {
            "spark.sql.shuffle.partitions": "4",
            "spark.sql.execution.arrow.pyspark.enabled": "true",
            "spark.sql.session.timeZone": "UTC",
        },
    )


@pytest.fixture(scope="module")
def both(spark, tmp_path_factory):
    world = make_world(3000, seed=12, bias=0.15)
    folder = tmp_path_factory.mktemp("export")
    # As the CLI does: the export is a set of Parquet files that Spark reads.
    frames = {}
    for name in ("suggestions", "assessments", "outcomes"):
        path = folder / f"{name}.parquet"
        getattr(world, name).write_parquet(path)
        frames[name] = spark.read.parquet(str(path))
    on_spark = run_monitors(**frames, engine="spark", **window_kwargs())
    on_polars = run_monitors(
        suggestions=world.suggestions,
        assessments=world.assessments,
        outcomes=world.outcomes,
        **window_kwargs(),
    )
    return on_spark, on_polars


def test_same_monitors_verdicts_and_tables(both):
    on_spark, on_polars = both
    assert on_spark.engine == "spark"
    assert list(on_spark.systems) == list(on_polars.systems)
    for system, results in on_polars.systems.items():
        for expected, got in zip(results, on_spark.systems[system], strict=True):
            assert (got.monitor, got.verdict, got.n) == (
                expected.monitor,
                expected.verdict,
                expected.n,
            )
            assert got.estimated == expected.estimated
            e = expected.table.sort(KEYS)
            g = got.table.sort(KEYS)
            assert g.select(KEYS, "verdict").equals(e.select(KEYS, "verdict"))
            # The AUC is Spark's binned approximation (docs/fairness.md); the rest is exact.
            exact = pl.col("metric") != "auc"
            for column in NUMBERS:
                a = e.filter(exact)[column].to_numpy()
                b = g.filter(exact)[column].to_numpy()
                assert b == pytest.approx(a, abs=1e-9, nan_ok=True), (system, got.monitor, column)
            auc_e = e.filter(~exact)["value"].to_numpy()
            auc_g = g.filter(~exact)["value"].to_numpy()
            assert auc_g == pytest.approx(auc_e, abs=1e-3, nan_ok=True)


def test_same_alerts(both):
    on_spark, on_polars = both
    expected = run_to_dict(on_polars, tables=False)["alerts"]
    got = run_to_dict(on_spark, tables=False)["alerts"]
    assert expected and len(got) == len(expected)
    numbers = ("value", "low", "high", "reference_value")
    for e, g in zip(expected, got, strict=True):
        assert {k: v for k, v in g.items() if k not in numbers} == {
            k: v for k, v in e.items() if k not in numbers
        }
        assert [g[k] for k in numbers] == pytest.approx([e[k] for k in numbers], abs=1e-9)
