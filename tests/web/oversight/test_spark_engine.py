"""``openpes oversight run --engine spark``: the monitors of the live service's records, run on
Spark from a Parquet export, give the same values as on Polars."""

from __future__ import annotations

import polars as pl
import pytest
from django.utils import timezone

from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import MonitorRecord
from openpes.web.oversight.monitoring import monitors_compute, oversight_run, windows
from tests.conftest import local_spark

pytestmark = [pytest.mark.spark, pytest.mark.slow]

KEYS = ["attribute", "group", "metric"]
NUMBERS = ["n", "value", "low", "high", "reference_value"]


@pytest.fixture(scope="module")
def spark():
    yield from local_spark(
        "openpes-oversight-web-tests",
        {"spark.sql.shuffle.partitions": "4", "spark.sql.session.timeZone": "UTC"},
    )


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
