"""The input contract: the columns matching needs, checked once at the public boundary.

The contract is satisfied by the Parquet files ``openpes synth`` writes; any other source
(a PES register export, a CSV) must provide the same columns. Extra columns are ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from openpes._frames import IntoFrame, as_polars
from openpes.errors import InputError
from openpes.i18n import messages

__all__ = [
    "CONTRACTS",
    "HOURS",
    "JOBSEEKER_SCHEMA",
    "TRAINING_SCHEMA",
    "VACANCY_SCHEMA",
    "Column",
    "read_table",
    "validate",
]

_ = messages("openpes.matching")

HOURS = ("full_time", "part_time")
CONTRACTS = ("permanent", "temporary")
_ANY = "any"


@dataclass(frozen=True)
class Column:
    """One column of the input contract."""

    name: str
    dtype: pl.DataType
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""


_STR = pl.String()
_F64 = pl.Float64()
_BOOL = pl.Boolean()
_DATE = pl.Date()
_STRS = pl.List(pl.String)

VACANCY_SCHEMA: tuple[Column, ...] = (
    Column("vacancy_id", _STR, description=_("unique identifier")),
    Column("occupation_uri", _STR, description=_("ESCO occupation URI")),
    Column("isco_group", _STR, required=False, nullable=True, description=_("ISCO-08 unit group")),
    Column("essential_skills", _STRS, description=_("ESCO skill URIs")),
    Column("optional_skills", _STRS, required=False, description=_("ESCO skill URIs")),
    Column("lat", _F64, description=_("latitude in degrees")),
    Column("lon", _F64, description=_("longitude in degrees")),
    Column("hours", _STR, choices=HOURS),
    Column("contract", _STR, choices=CONTRACTS),
    Column("requires_driving_licence", _BOOL),
    Column("required_languages", _STRS, description=_("ISO 639-1 codes")),
    Column("closes_on", _DATE, description=_("last day to apply")),
    Column("posted_on", _DATE, required=False, nullable=True),
    Column("salary_eur", _F64, required=False, nullable=True),
)

JOBSEEKER_SCHEMA: tuple[Column, ...] = (
    Column("jobseeker_id", _STR, description=_("unique identifier")),
    Column("skills", _STRS, description=_("ESCO skill URIs")),
    Column("lat", _F64, description=_("latitude in degrees")),
    Column("lon", _F64, description=_("longitude in degrees")),
    Column("max_distance_km", _F64, description=_("longest acceptable distance")),
    Column("preferred_hours", _STR, choices=(*HOURS, _ANY)),
    Column("preferred_contract", _STR, choices=(*CONTRACTS, _ANY)),
    Column("driving_licence", _BOOL),
    Column("languages", _STRS, description=_("ISO 639-1 codes")),
    Column("past_occupations", _STRS, required=False, description=_("ESCO occupation URIs")),
    Column("experience_years", pl.List(pl.Float64), required=False),
    Column("preferred_occupations", _STRS, required=False, description=_("ESCO occupation URIs")),
)

TRAINING_SCHEMA: tuple[Column, ...] = (
    Column("training_id", _STR, description=_("unique identifier")),
    Column("title", _STR),
    Column("skills_taught", _STRS, description=_("ESCO skill URIs")),
    Column("duration_weeks", _F64, description=_("length in weeks")),
    Column("start_dates", pl.List(pl.Date), description=_("planned start dates")),
)


def _plain(dtype: Any) -> pl.DataType:
    """Categorical strings (as ``openpes synth`` writes them) count as strings."""
    if isinstance(dtype, pl.Enum | pl.Categorical):
        return pl.String()
    if isinstance(dtype, pl.List):
        return pl.List(_plain(dtype.inner))
    return dtype


def _castable(found: Any, wanted: Any) -> bool:
    if found == wanted:
        return True
    if wanted == _F64:
        return found.is_numeric()
    if wanted == _DATE:
        return isinstance(found, pl.Datetime)  # pandas has no date type
    if isinstance(wanted, pl.List) and isinstance(found, pl.List):
        return _castable(found.inner, wanted.inner)
    return False


def validate(frame: IntoFrame, schema: tuple[Column, ...], *, source: str) -> pl.DataFrame:
    """Check ``frame`` against a contract and return it as Polars with the contract's dtypes.

    :meth:`MatchIndex.build` and :meth:`MatchIndex.suggest` check their inputs themselves;
    call this to refuse a bad file before a long run.

    Parameters
    ----------
    frame:
        Polars, pandas or anything Narwhals accepts; extra columns are kept.
    schema:
        :data:`VACANCY_SCHEMA`, :data:`JOBSEEKER_SCHEMA` or :data:`TRAINING_SCHEMA`.
    source:
        Name of the input (a file name), for the error message.

    Raises
    ------
    openpes.errors.InputError
        Naming the file (``source``), the column, the first bad row and what was expected.

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> world = generate_world(20, 5, 2, seed=1)
    >>> validate(world.jobseekers, JOBSEEKER_SCHEMA, source="people.parquet").height
    20
    >>> validate(world.vacancies, JOBSEEKER_SCHEMA, source="vacancies.parquet")
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: file vacancies.parquet, column 'jobseeker_id': this column is missing; expected unique identifier of type String
    """  # noqa: E501
    data = as_polars(frame, source=source)
    casts = []
    for column in schema:
        if column.name not in data.columns:
            if column.required:
                raise InputError(
                    _("this column is missing; expected {what} of type {dtype}").format(
                        what=column.description or column.name, dtype=str(column.dtype)
                    ),
                    file=source,
                    column=column.name,
                )
            continue
        found = _plain(data.schema[column.name])
        if not _castable(found, column.dtype):
            raise InputError(
                _("expected type {wanted}, found {found}").format(
                    wanted=str(column.dtype), found=str(found)
                ),
                file=source,
                column=column.name,
            )
        casts.append(pl.col(column.name).cast(column.dtype))
    data = data.with_columns(casts)
    for column in schema:
        if column.name not in data.columns:
            continue
        series = data[column.name]
        if not column.nullable and series.null_count():
            row = int(series.is_null().arg_max() or 0)
            raise InputError(
                _("a value was expected, found none"), file=source, column=column.name, row=row
            )
        if column.choices:
            bad = ~series.is_in(column.choices) & series.is_not_null()
            if bad.any():
                row = int(bad.arg_max() or 0)
                raise InputError(
                    _("expected one of {choices}, found {value!r}").format(
                        choices=", ".join(column.choices), value=series[row]
                    ),
                    file=source,
                    column=column.name,
                    row=row,
                )
    for name, low, high in (
        ("lat", -90.0, 90.0),
        ("lon", -180.0, 180.0),
        ("max_distance_km", 0.0, 20_040.0),
    ):
        if name in data.columns and any(c.name == name for c in schema):
            bad = ~data[name].is_between(low, high)
            if bad.any():
                row = int(bad.arg_max() or 0)
                raise InputError(
                    _("expected a number between {low} and {high}, found {value!r}").format(
                        low=low, high=high, value=data[name][row]
                    ),
                    file=source,
                    column=name,
                    row=row,
                )
    identifier = schema[0].name
    duplicated = data[identifier].is_duplicated()
    if duplicated.any():
        row = int(duplicated.arg_max() or 0)
        raise InputError(
            _("identifiers must be unique; {value!r} appears more than once").format(
                value=data[identifier][row]
            ),
            file=source,
            column=identifier,
            row=row,
        )
    return data


def read_table(path: str | os.PathLike[str]) -> pl.DataFrame:
    """Read a Parquet file; other formats cannot hold the skill lists.

    Examples
    --------
    >>> read_table("missing.parquet")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    openpes.errors.InputError: file missing.parquet: this file does not exist
    """
    file = Path(path)
    if file.is_dir():
        raise InputError(_("this is a folder; a Parquet file was expected"), file=str(file))
    if not file.is_file():
        raise InputError(_("this file does not exist"), file=str(file))
    if file.suffix.lower() != ".parquet":
        raise InputError(
            _("a Parquet file was expected (lists of skills need Parquet)"), file=str(file)
        )
    try:
        return pl.read_parquet(file)
    except (pl.exceptions.ComputeError, OSError) as error:
        raise InputError(
            _("this is not a readable Parquet file: {reason}").format(reason=str(error)),
            file=str(file),
        ) from None
