"""``engine="spark"``: the same per-chunk code on each Spark partition, the index broadcast."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import polars as pl
import pyarrow as pa

from openpes._frames import IntoFrame
from openpes.matching._index import AsOf, MatchIndex
from openpes.matching._schema import JOBSEEKER_SCHEMA, validate

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["suggest_spark"]

_ORDER = "__openpes_order"


def _arrow_type(dtype: pa.DataType) -> pa.DataType:
    """Spark's Arrow reader knows lists and strings, not their 64-bit-offset ("large") forms."""
    if pa.types.is_large_list(dtype) or pa.types.is_list(dtype):
        return pa.list_(_arrow_type(dtype.value_type))
    if pa.types.is_struct(dtype):
        return pa.struct([pa.field(f.name, _arrow_type(f.type)) for f in dtype])
    if (
        pa.types.is_large_string(dtype)
        or pa.types.is_string_view(dtype)
        or pa.types.is_dictionary(dtype)
    ):
        return pa.string()
    return dtype


def _for_spark(frame: pl.DataFrame) -> pa.Table:
    table = frame.to_arrow()
    schema = pa.schema([pa.field(f.name, _arrow_type(f.type)) for f in table.schema])
    return table.cast(schema)


def _spark_type(dtype: Any) -> str:
    if isinstance(dtype, pl.List):
        return f"array<{_spark_type(dtype.inner)}>"
    if isinstance(dtype, pl.Struct):
        return "struct<" + ",".join(f"{f.name}:{_spark_type(f.dtype)}" for f in dtype.fields) + ">"
    simple = {
        pl.String: "string",
        pl.Int32: "int",
        pl.Int64: "bigint",
        pl.Float64: "double",
        pl.UInt32: "bigint",
    }
    return simple[dtype.base_type()]


def suggest_spark(
    index: MatchIndex,
    jobseekers: IntoFrame,
    *,
    k: int = 10,
    as_of: AsOf = "today",
    spark: SparkSession | None = None,
    partitions: int | None = None,
    chunk_size: int = 20_000,
) -> pl.DataFrame:
    """:meth:`MatchIndex.suggest` on Spark: same code per partition, same results.

    Parameters
    ----------
    index:
        The index; it is broadcast to the executors.
    jobseekers:
        A frame with the columns of :data:`JOBSEEKER_SCHEMA`.
    spark:
        A session; a ``local[*]`` session is started (and left running) when omitted.
    partitions:
        Number of partitions of the job seekers (default: Spark's default parallelism).

    Returns
    -------
    polars.DataFrame
        Exactly the frame :meth:`MatchIndex.suggest` returns, in the same order.

    Examples
    --------
    >>> suggest_spark(index, world.jobseekers, k=10, spark=session)  # doctest: +SKIP
    """
    if spark is None:
        from pyspark.sql import SparkSession

        # Executors must run the same Python as the driver (the index is pickled).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # No master here: spark-submit or PYSPARK_SUBMIT_ARGS choose the cluster; alone, PySpark
        # starts locally on every core.
        spark = (
            SparkSession.builder.appName("openpes-match")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
    people = validate(jobseekers, JOBSEEKER_SCHEMA, source="jobseekers")
    day = index.resolve_as_of(as_of)
    sample = index.suggest(people.head(0), k=k, as_of=day)
    out_schema = ", ".join(
        f"`{name}` {_spark_type(dtype)}"
        for name, dtype in {**sample.schema, _ORDER: pl.Int64()}.items()
    )
    table = _for_spark(people.with_row_index(_ORDER).with_columns(pl.col(_ORDER).cast(pl.Int64)))
    frame = spark.createDataFrame(table)
    frame = frame.repartition(partitions or spark.sparkContext.defaultParallelism, _ORDER)
    shared = spark.sparkContext.broadcast(index)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        local: MatchIndex = shared.value
        for batch in batches:
            if batch.num_rows == 0:
                continue
            part = pl.from_arrow(batch)
            assert isinstance(part, pl.DataFrame)
            order = part.select("jobseeker_id", _ORDER)
            result = local.suggest(part.drop(_ORDER), k=k, as_of=day, chunk_size=chunk_size)
            result = result.join(order, on="jobseeker_id", how="left", maintain_order="left")
            yield from _for_spark(result).to_batches()

    collected = frame.mapInArrow(run, out_schema).toArrow()
    result = pl.from_arrow(collected)
    assert isinstance(result, pl.DataFrame)
    shared.unpersist()
    # Spark hands back plain lists and strings; cast to the local frame's exact types.
    return (
        result.sort([_ORDER, "rank"])
        .drop(_ORDER)
        .cast(dict(sample.schema))  # type: ignore[arg-type]
        .select(sample.columns)
    )
