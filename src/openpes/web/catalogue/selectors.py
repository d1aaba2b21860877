"""Reads of the catalogue, as frames in the synthetic world's schema for the analytics core."""

from __future__ import annotations

import datetime as dt

import polars as pl

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


def vacancies_frame() -> pl.DataFrame:
    """Every vacancy, one row each, with ``vacancy_id`` as the matching core expects."""
    columns = [c for c in VACANCY_FRAME if c != "vacancy_id"]
    rows = list(Vacancy.objects.order_by("source", "reference").values_list(*columns))
    schema = {name: VACANCY_FRAME[name] for name in columns}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_columns(pl.col("isco_group").replace("", None))
    return _with_ids(frame, "vacancy_id").select(list(VACANCY_FRAME))


def trainings_frame() -> pl.DataFrame:
    columns = [c for c in TRAINING_FRAME if c not in ("training_id", "start_dates")]
    rows = Training.objects.order_by("source", "reference").values_list(*columns, "start_dates")
    data = [(*row[:-1], [dt.date.fromisoformat(d) for d in row[-1]]) for row in rows.iterator(2000)]
    schema = {name: TRAINING_FRAME[name] for name in (*columns, "start_dates")}
    frame = pl.DataFrame(data, schema=schema, orient="row")
    return _with_ids(frame, "training_id").select(list(TRAINING_FRAME))
