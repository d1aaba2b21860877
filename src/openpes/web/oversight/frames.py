"""The live service's records as Polars frames for ``openpes.oversight.run_monitors``.

Each table's rows leave the database as Arrow columns through an ADBC driver
(``adbc-driver-sqlite`` with ``openpes[web]``, ``adbc-driver-postgresql`` with
``openpes[postgres]``) on a connection of its own, straight into Polars; a run's queries
(``inputs``) are read together on worker threads. Without the driver,
inside a transaction (a second connection would not see its writes) or on an in-memory
database, they leave through Django's cursor instead: SQLite in chunks of ``CHUNK`` rows
built into frames, PostgreSQL through ``COPY ... TO STDOUT``. Both give the same frames.
Joins, latest-decision picks and age bands are done in Polars; nothing loops over people in
Python. Protected attributes are read here, for monitoring only, and leave only as aggregates.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import polars as pl
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from openpes.errors import ConfigurationError
from openpes.web.caseload.models import JobSeeker
from openpes.web.classifications.selectors import with_monitor_codes
from openpes.web.counselling.models import SuggestionDecision, SupportAssessment
from openpes.web.oversight.models import RecordedOutcome, SuggestionShown

CHUNK = 100_000

#: Read through ADBC when its driver is installed; ``False`` always takes Django's cursor.
COLUMNAR = True

#: The protected attributes the monitors group by (age is banded below).
SENSITIVE = ("sex", "age_group", "origin", "disability")

_PEOPLE = {
    "person_id": "pk",
    "counsellor": "counsellor__username",
    "team": "counsellor__team_membership__team__name",
    "sex": "protected__sex",
    "age": "protected__age",
    "origin": "protected__origin",
    "disability": "protected__disability",
    "occupations": "preferred_occupations",
}


#: A query to read: its SQL and parameters (bound already on PostgreSQL), the frame's column
#: names and the types some of them are read into.
_Plan = tuple[str, Any, list[str], dict[str, Any]]


def _plan(queryset: QuerySet[Any], columns: dict[str, str], schema: dict[str, Any]) -> _Plan:
    """The queryset's SQL, built on this thread's connection (worker threads only fetch)."""
    names = list(columns)
    if connection.vendor == "postgresql":
        sql, params = queryset.values_list(*columns.values()).query.sql_with_params()
        return _bound(sql, params), None, names, schema
    # Timestamps leave SQLite as text (no declared type, so no per-value parsing into
    # Python datetimes); Polars parses the whole column at once.
    times = {n for n in names if isinstance(schema.get(n), pl.Datetime)}
    queryset = queryset.annotate(
        **{f"_text_{n}": Cast(columns[n], output_field=TextField()) for n in times}
    )
    paths = [f"_text_{n}" if n in times else columns[n] for n in names]
    sql, params = queryset.values_list(*paths).query.sql_with_params()
    return sql, params, names, schema


def _read(*plans: _Plan) -> list[pl.DataFrame]:
    """Each plan's rows as a frame: through ADBC, several queries at once on their own
    connections (the driver works outside the GIL), else through Django's cursor."""
    uri = adbc_uri()
    vendor = connection.vendor
    out: list[pl.DataFrame | None] = [None] * len(plans)
    if uri is not None:
        workers = min(len(plans), os.cpu_count() or 1)
        if workers > 1:
            with ThreadPoolExecutor(workers) as pool:
                out = list(pool.map(lambda plan: _columnar(uri, vendor, *plan), plans))
        else:
            out = [_columnar(uri, vendor, *plan) for plan in plans]
    return [
        frame if frame is not None else _cursor_read(*plan)
        for frame, plan in zip(out, plans, strict=True)
    ]


def _cursor_read(sql: str, params: Any, names: list[str], schema: dict[str, Any]) -> pl.DataFrame:
    """Django's cursor: PostgreSQL through ``COPY``, SQLite in chunks straight into frames."""
    if connection.vendor == "postgresql":
        return _text_typed(_copy_out(sql, names), names, schema)
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            # Column by column: building a frame from row tuples costs several times more.
            columns_of = list(zip(*rows, strict=True))
            chunks.append(
                pl.DataFrame(
                    [pl.Series(n, c, strict=False) for n, c in zip(names, columns_of, strict=True)]
                )
            )
    if not chunks:
        return pl.DataFrame(schema={n: schema.get(n, pl.String) for n in names})
    return _text_typed(pl.concat(chunks, how="vertical_relaxed"), names, schema)


def _text_typed(frame: pl.DataFrame, names: list[str], schema: dict[str, Any]) -> pl.DataFrame:
    """Columns read as PostgreSQL's text output, in their types (``t``/``f``, timestamps)."""
    casts = []
    for name in names:
        kind = schema.get(name)
        column = pl.col(name)
        dtype = frame.schema[name]
        if kind == pl.Boolean and dtype == pl.String:
            casts.append(pl.when(column.is_null()).then(None).otherwise(column == "t").alias(name))
        elif isinstance(kind, pl.Datetime) and dtype == pl.String:
            casts.append(column.str.to_datetime(time_zone="UTC", time_unit="us").alias(name))
        elif kind is not None:
            casts.append(column.cast(kind, strict=False))
    return frame.with_columns(casts)


def adbc_uri() -> str | None:
    """The ADBC URI of Django's database, or None when ADBC cannot or should not read it.

    None without the driver, inside a transaction (the driver's own connection would not see
    its uncommitted writes) and for an in-memory SQLite database (another connection's is
    another database).
    """
    if not COLUMNAR or connection.in_atomic_block:
        return None
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db() or not _has("adbc_driver_sqlite"):
            return None
        return str(settings["NAME"])
    if connection.vendor != "postgresql" or not _has("adbc_driver_postgresql"):
        return None
    user = quote(settings.get("USER") or "", safe="")
    password = quote(str(settings.get("PASSWORD") or ""), safe="")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings.get("HOST") or ""
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    name = quote(str(settings["NAME"]), safe="")
    # libpq's own connection options (TLS, timeouts) from Django's OPTIONS, as query parameters.
    query = {k: str(v) for k, v in (settings.get("OPTIONS") or {}).items() if k in _LIBPQ}
    if host.startswith("/"):  # a Unix socket directory
        query["host"] = host
        host = ""
    return f"postgresql://{login}{host}{port}/{name}" + (f"?{urlencode(query)}" if query else "")


_LIBPQ = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslcrl",
    "connect_timeout",
    "options",
    "application_name",
    "target_session_attrs",
    "passfile",
}


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _columnar(
    uri: str, vendor: str, sql: str, params: Any, names: list[str], schema: dict[str, Any]
) -> pl.DataFrame | None:
    """The query's rows as Arrow through ADBC, typed as Django's cursor would give them.

    None when the driver refuses the rows, so the caller reads them through Django's cursor
    instead. Touches no Django connection: it runs on worker threads.
    """
    if vendor == "sqlite":
        import adbc_driver_sqlite.dbapi as driver
        from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

        query = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    else:
        import adbc_driver_postgresql.dbapi as driver  # type: ignore[no-redef]

        query = sql
    try:
        with driver.connect(uri) as adbc, adbc.cursor() as cursor:
            if vendor == "sqlite":
                # SQLite's columns have no fixed type: the driver infers each from the first
                # batch, so the whole result is one batch (a NULL-led text column otherwise
                # fails on its first text value).
                cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "1073741824"})
            cursor.execute(query, tuple(params) if params else None)
            table = cursor.fetch_arrow_table()
    except Exception:  # noqa: BLE001 - any driver failure: Django's cursor reads the same rows
        return None
    frame = pl.from_arrow(_plain(table, names))
    assert isinstance(frame, pl.DataFrame)
    if frame.is_empty():
        return pl.DataFrame(schema={n: schema.get(n, pl.String) for n in names})
    casts = []
    for name in names:
        if name in schema:
            continue
        if vendor == "postgresql":
            # ``COPY`` gives text, and columns without a declared type stay text.
            casts.append(pl.col(name).cast(pl.String))
        elif frame[name].null_count() == frame.height:
            # Django's cursor gives an all-NULL column no type.
            casts.append(pl.col(name).cast(pl.Null))
    return _text_typed(frame.with_columns(casts), names, schema)


def _plain(table: Any, names: list[str]) -> Any:
    """The Arrow table with its columns renamed and extension types (PostgreSQL's ``jsonb``
    as ``arrow.json``) as their storage, which is the value's text as ``COPY`` gives it."""
    import pyarrow as pa

    columns = [
        pa.chunked_array([chunk.storage for chunk in column.chunks], column.type.storage_type)
        if isinstance(column.type, pa.BaseExtensionType)
        else column
        for column in table.columns
    ]
    return pa.table(columns, names=names)


def _bound(sql: str, params: Any) -> str:
    """PostgreSQL: the query with its parameters bound on the client, by psycopg's quoting."""
    import psycopg

    connection.ensure_connection()
    return psycopg.ClientCursor(connection.connection).mogrify(sql, params)


def _copy_out(query: str, names: list[str]) -> pl.DataFrame:
    """PostgreSQL: the query's rows as CSV through ``COPY ... TO STDOUT``, read by Polars.

    Far faster than fetching rows as Python objects. The parameters are bound on the client
    (COPY takes none).
    """
    raw = connection.connection
    buffer = bytearray()
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, NULL '\\N')") as copy,
    ):
        for block in copy:
            buffer += block
    if not buffer:
        return pl.DataFrame(schema=dict.fromkeys(names, pl.String))
    return pl.read_csv(
        bytes(buffer),
        has_header=False,
        new_columns=names,
        schema_overrides=dict.fromkeys(names, pl.String),
        null_values="\\N",
    )


def _protected(frame: pl.DataFrame) -> pl.DataFrame:
    age = pl.col("age")
    return frame.with_columns(
        age_group=pl.when(age.is_null())
        .then(None)
        .when(age < 25)
        .then(pl.lit("under 25"))
        .when(age < 50)
        .then(pl.lit("25-49"))
        .otherwise(pl.lit("50 and over")),
        disability=pl.when(pl.col("disability")).then(pl.lit("yes")).otherwise(pl.lit("no")),
    ).drop("age")


_TIMES = pl.Datetime("us", "UTC")
_COMMON_SCHEMA = {"age": pl.Int32, "disability": pl.Boolean, "person_id": pl.String}


def _people_plan(team: str | None) -> _Plan:
    people = JobSeeker.objects.order_by()
    if team is not None:
        people = people.filter(counsellor__team_membership__team__name=team)
    return _plan(people, _PEOPLE, _COMMON_SCHEMA)


def _people(raw: pl.DataFrame) -> pl.DataFrame:
    frame = _protected(raw)
    # The first preferred ESCO occupation is the stratum of comparable people (exposure).
    first = pl.col("occupations").cast(pl.String).str.extract(r'^\s*\[\s*"([^"]+)"', 1)
    return frame.with_columns(occupation=first).drop("occupations")


def people_frame(*, team: str | None = None) -> pl.DataFrame:
    """One row per job seeker: counsellor, team and protected attributes (age banded).

    Read once and joined in Polars: a join per output row in SQL costs more than the rest.
    """
    return _people(_read(_people_plan(team))[0])


def _shown_plan(since: datetime, until: datetime) -> _Plan:
    return _plan(
        SuggestionShown.objects.filter(shown_at__gte=since, shown_at__lt=until).order_by(),
        {
            "person_id": "jobseeker_id",
            "vacancy_id": "vacancy_id",
            "shown_at": "shown_at",
            "score": "score",
            "salary": "salary_eur",
            "distance_km": "distance_km",
        },
        {
            "person_id": pl.String,
            "shown_at": _TIMES,
            "score": pl.Float64,
            "salary": pl.Float64,
            "distance_km": pl.Float64,
        },
    )


def _decisions_plan(since: datetime) -> _Plan:
    return _plan(
        SuggestionDecision.objects.filter(item_kind="vacancy", decided_at__gte=since).order_by(),
        {
            "person_id": "jobseeker_id",
            "vacancy_id": "item_id",
            "decided_at": "decided_at",
            "verdict": "verdict",
        },
        {"person_id": pl.String, "decided_at": _TIMES},
    )


def _suggestions(
    shown: pl.DataFrame, decisions: pl.DataFrame, people: pl.DataFrame
) -> pl.DataFrame:
    # The latest decision on each shown vacancy counts; earlier ones were revised.
    latest = decisions.sort("decided_at").unique(["person_id", "vacancy_id"], keep="last")
    frame = shown.join(latest, on=["person_id", "vacancy_id"], how="left")
    frame = frame.join(people, on="person_id", how="inner")
    return frame.with_columns(system=pl.lit("matching")).drop("vacancy_id")


def suggestions_frame(
    *, since: datetime, until: datetime, people: pl.DataFrame | None = None
) -> pl.DataFrame:
    people = people_frame() if people is None else people
    shown, decisions = _read(_shown_plan(since, until), _decisions_plan(since))
    return _suggestions(shown, decisions, people)


def _assessments_plan(since: datetime, until: datetime) -> _Plan:
    return _plan(
        SupportAssessment.objects.filter(started_at__gte=since, started_at__lt=until).order_by(),
        {
            "person_id": "jobseeker_id",
            "model_band": "model_band",
            "counsellor_band": "counsellor_band",
            "final_band": "final_band",
            "probability": "model_probability",
            "shown_at": "started_at",
            "decided_at": "decided_at",
        },
        {
            "person_id": pl.String,
            "probability": pl.Float64,
            "shown_at": _TIMES,
            "decided_at": _TIMES,
        },
    )


def _assessments(frame: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    # Empty strings mean "not yet": the model was not shown (paused) or no decision yet.
    bands = ["model_band", "counsellor_band", "final_band"]
    frame = frame.with_columns(
        [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in bands]
    )
    frame = frame.join(people, on="person_id", how="inner")
    return frame.with_columns(system=pl.lit("support_needs"))


def assessments_frame(
    *, since: datetime, until: datetime, people: pl.DataFrame | None = None
) -> pl.DataFrame:
    people = people_frame() if people is None else people
    return _assessments(_read(_assessments_plan(since, until))[0], people)


def _outcomes_plan() -> _Plan:
    return _plan(
        RecordedOutcome.objects.order_by(),
        {"person_id": "jobseeker_id", "employed_within_12m": "employed_within_12m"},
        {"person_id": pl.String, "employed_within_12m": pl.Boolean},
    )


def outcomes_frame() -> pl.DataFrame:
    return _read(_outcomes_plan())[0]


#: Inputs of the models whose drift is watched.
DRIFT_FEATURES = {
    "isced": "isced",
    "region": "region",
    "region_unemployment_rate": "region_unemployment_rate",
    "previous_spells": "previous_spells",
    "previous_unemployment_days": "previous_unemployment_days",
    "max_distance_km": "max_distance_km",
}


def _features_plan(since: datetime, until: datetime) -> _Plan:
    return _plan(
        JobSeeker.objects.filter(
            registered_on__gte=since.date(), registered_on__lt=until.date()
        ).order_by(),
        DRIFT_FEATURES,
        {
            "isced": pl.Int64,
            "region_unemployment_rate": pl.Float64,
            "previous_spells": pl.Int64,
            "previous_unemployment_days": pl.Int64,
            "max_distance_km": pl.Float64,
        },
    )


def features_frame(*, since: datetime, until: datetime) -> pl.DataFrame:
    """Inputs of the people registered in a window (drift compares two windows)."""
    return _read(_features_plan(since, until))[0]


def inputs(
    *,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    team: str | None = None,
) -> dict[str, pl.DataFrame]:
    """Every frame a run's monitors take, the seven queries read together (see ``_read``)."""
    people, shown, decisions, assessments, outcomes, current, reference = _read(
        _people_plan(team),
        _shown_plan(reference_start, period_end),
        _decisions_plan(reference_start),
        _assessments_plan(reference_start, period_end),
        _outcomes_plan(),
        _features_plan(period_start, period_end),
        _features_plan(reference_start, reference_end),
    )
    # By national occupation code too, when the PES uses a national classification.
    people = with_monitor_codes(_people(people))
    return {
        "suggestions": _suggestions(shown, decisions, people),
        "assessments": _assessments(assessments, people),
        "outcomes": outcomes,
        "features_current": current,
        "features_reference": reference,
    }


def to_spark(inputs: dict[str, pl.DataFrame], folder: Path) -> dict[str, Any]:
    """The export as Parquet files in ``folder``, read back as Spark DataFrames.

    Uses the active Spark session, or starts one in local mode (``local[*]``). Spark reads
    the files lazily, so ``folder`` must outlive the computation.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - pyspark is in the dev extra
        raise ConfigurationError(
            "--engine spark needs pyspark (and Java): pip install pyspark"
        ) from exc
    session = SparkSession.getActiveSession() or (
        SparkSession.builder.master("local[*]")
        .appName("openpes-oversight")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    out: dict[str, Any] = {}
    for name, frame in inputs.items():
        path = folder / f"{name}.parquet"
        frame.write_parquet(path)
        out[name] = session.read.parquet(str(path))
    return out
