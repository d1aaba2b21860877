"""``engine="spark"`` gives exactly the local results (CI runs this)."""

from __future__ import annotations

import datetime as dt
import os
import sys

import pytest

from openpes.matching import MatchIndex, suggest_spark
from openpes.synth import generate_world
from openpes.taxonomy import Taxonomy
from tests.conftest import local_spark

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


@pytest.fixture(scope="module")
def spark():
    # The workers must run this interpreter: the index is pickled across.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    yield from local_spark("openpes-matching-tests", None)


def test_spark_matches_local_exactly(spark) -> None:  # type: ignore[no-untyped-def]
    world = generate_world(2_000, 1_500, 10, seed=5)
    index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
    as_of = world.vacancies["closes_on"].min()
    assert isinstance(as_of, dt.date)
    local = index.suggest(world.jobseekers, k=10, as_of=as_of)
    distributed = suggest_spark(
        index, world.jobseekers, k=10, as_of=as_of, spark=spark, partitions=3
    )
    assert local.height > 5_000
    assert distributed.schema == local.schema
    assert distributed.equals(local)
