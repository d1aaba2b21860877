"""``openpes oversight run --engine spark``: the monitors of the live service's records, run on
Spark from a Parquet export, give the same values as on Polars."""

from __future__ import annotations

import importlib.util
import shutil

import polars as pl
import pytest
from django.utils import timezone

from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import MonitorRecord
from openpes.web.oversight.monitoring import monitors_compute, oversight_run, windows
from tests.conftest import require

pytestmark = [pytest.mark.spark, pytest.mark.slow]

KEYS = ["attribute", "group", "metric"]
NUMBERS = ["n", "value", "low", "high", "reference_value"]


@pytest.fixture(scope="module")
def spark():
    require(
        shutil.which("java") is not None and importlib.util.find_spec("pyspark") is not None,
        "needs Java and pyspark for local-mode Spark",
    )
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("openpes-oversight-web-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_and_polars_give_the_same_monitor_values(spark, population):
    population(n=600, seed=11)
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=4)
    now = timezone.now()
    on_spark = oversight_run(period_days=30, now=now, mail=False, engine="spark")
    reference_start, reference_end, period_start, period_end = windows(now, 30)
    on_polars = monitors_compute(
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
    )
    assert on_spark.result.engine == "spark" and on_polars.engine == "polars"
    assert list(on_spark.result.systems) == list(on_polars.systems)
    for system, results in on_polars.systems.items():
        for expected, got in zip(results, on_spark.result.systems[system], strict=True):
            assert (got.monitor, got.verdict, got.n) == (
                expected.monitor,
                expected.verdict,
                expected.n,
            )
            e, g = expected.table.sort(KEYS), got.table.sort(KEYS)
            assert g.select(KEYS, "verdict").equals(e.select(KEYS, "verdict"))
            # Spark's AUC is a binned approximation (docs/fairness.md); the rest is exact.
            exact = pl.col("metric") != "auc"
            for column in NUMBERS:
                a, b = e.filter(exact)[column].to_numpy(), g.filter(exact)[column].to_numpy()
                assert b == pytest.approx(a, abs=1e-9, nan_ok=True), (system, got.monitor, column)
    assert [a.key for a in on_spark.result.alerts] == [a.key for a in on_polars.alerts]
    # The Spark run is stored like any other.
    assert MonitorRecord.objects.filter(run=on_spark.run, team="").count() == sum(
        len(r) for r in on_polars.systems.values()
    )
