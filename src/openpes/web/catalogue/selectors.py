"""Reads of the catalogue, as frames in the synthetic world's schema for the analytics core."""

from __future__ import annotations

import polars as pl
from django.db import connections
from django.db.models import QuerySet

from openpes.web.catalogue.models import CatalogueState, Training, Vacancy

VACANCY_FRAME = {
    "vacancy_id": pl.String(),
    "source": pl.String(),
    "reference": pl.String(),
    "title": pl.String(),
    "occupation_uri": pl.String(),
    "isco_group": pl.String(),
    "essential_skills": pl.List(pl.String),
    "optional_skills": pl.List(pl.String),
    "employer": pl.String(),
    "region": pl.String(),
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "hours": pl.String(),
    "contract": pl.String(),
    "salary_eur": pl.Float64(),
    "requires_driving_licence": pl.Boolean(),
    "required_languages": pl.List(pl.String),
    "posted_on": pl.Date(),
    "closes_on": pl.Date(),
}
TRAINING_FRAME = {
    "training_id": pl.String(),
    "source": pl.String(),
    "reference": pl.String(),
    "title": pl.String(),
    "provider": pl.String(),
    "occupation_uri": pl.String(),
    "skills_taught": pl.List(pl.String),
    "duration_weeks": pl.Int32(),
    "mode": pl.String(),
    "region": pl.String(),
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "start_dates": pl.List(pl.Date),
    "capacity": pl.Int32(),
}


def catalogue_version() -> str:
    """The digest of the catalogue now; empty when nothing was ever loaded."""
    return CatalogueState.objects.values_list("version", flat=True).first() or ""


def _with_ids(frame: pl.DataFrame, id_column: str) -> pl.DataFrame:
    # The reference is the id people see; only a reference two sources share is prefixed.
    shared = pl.col("reference").is_duplicated()
    return frame.with_columns(
        pl.when(shared)
        .then(pl.col("source") + "/" + pl.col("reference"))
        .otherwise(pl.col("reference"))
        .alias(id_column)
    )


def _column(values: tuple[object, ...], dtype: pl.DataType) -> pl.Series:
    """One column as the database driver returned it, typed in one vectorised step.

    JSON arrives as text on both backends (Django loads PostgreSQL's jsonb as text too) and
    dates as ISO text on SQLite: decoding them per row through the ORM was most of the time
    of reading 100,000 vacancies.
    """
    if isinstance(dtype, pl.List):
        text = pl.Series(values, dtype=pl.String)
        if dtype.inner == pl.Date:
            return text.str.json_decode(pl.List(pl.String)).list.eval(pl.element().str.to_date())
        return text.str.json_decode(dtype)
    if dtype == pl.Date and any(isinstance(v, str) for v in values):
        return pl.Series(values, dtype=pl.String).str.to_date()
    if dtype == pl.Boolean:
        return pl.Series(values).cast(pl.Boolean)
    return pl.Series(values, dtype=dtype, strict=False)


def _frame(queryset: QuerySet, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The columns of ``schema`` for every row of ``queryset``, read without the ORM's rows."""
    columns = list(schema)
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pl.DataFrame(
        [
            _column(values, dtype).alias(name)
            for (name, dtype), values in zip(schema.items(), by_column, strict=True)
        ]
    )


def vacancies_frame() -> pl.DataFrame:
    """Every open vacancy (not withdrawn), one row each, with ``vacancy_id`` as the matching
    core expects."""
    schema = {name: dtype for name, dtype in VACANCY_FRAME.items() if name != "vacancy_id"}
    frame = _frame(
        Vacancy.objects.filter(withdrawn_at__isnull=True).order_by("source", "reference"), schema
    )
    frame = frame.with_columns(pl.col("isco_group").replace("", None))
    return _with_ids(frame, "vacancy_id").select(list(VACANCY_FRAME))


def trainings_frame() -> pl.DataFrame:
    schema = {name: dtype for name, dtype in TRAINING_FRAME.items() if name != "training_id"}
    frame = _frame(
        Training.objects.filter(withdrawn_at__isnull=True).order_by("source", "reference"), schema
    )
    return _with_ids(frame, "training_id").select(list(TRAINING_FRAME))
