"""Applying validated records: job seekers, their protected attributes, and the dispatch of
every kind to its domain app's service. Each call is one transaction: all rows or none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.bulk_writes import rows_insert, rows_update
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import (
    JobSeeker,
    JobSeekerSkill,
    ProtectedAttributes,
    WorkExperience,
)
from openpes.web.catalogue.services import UpsertResult, trainings_upsert, vacancies_upsert
from openpes.web.interchange.schema import Kind
from openpes.web.outcomes.services import outcomes_upsert
from openpes.web.trail.enums import Action
from openpes.web.trail.services import events_record

Progress = Callable[[int], None] | None

SCALARS = (
    "first_name",
    "last_name",
    "isced",
    "region",
    "lat",
    "lon",
    "registered_on",
    "region_unemployment_rate",
    "previous_spells",
    "previous_unemployment_days",
    "languages",
    "driving_licence",
    "care_duties",
    "health_limitation",
    "preferred_occupations",
    "max_distance_km",
    "preferred_hours",
    "preferred_contract",
)
_CHUNK = 5000


def _json_text(column: str) -> pl.Expr:
    """A list column as JSON text, vectorised: encode {"v": [...]} and keep the list."""
    return (
        pl.struct(pl.col(column).alias("v"))
        .struct.json_encode()
        .str.strip_prefix('{"v":')
        .str.strip_suffix("}")
        .alias(column)
    )


_JSON_FIELDS = ("languages", "preferred_occupations")


def _plain_scalars() -> list[pl.Expr]:
    """SCALARS as plain database values: JSON fields as JSON text, the date as ISO text."""
    return [
        _json_text(name)
        if name in _JSON_FIELDS
        else pl.col(name).cast(pl.String)
        if name == "registered_on"
        else pl.col(name)
        for name in SCALARS
    ]


def _jobseekers_insert(frame: pl.DataFrame) -> None:
    columns = ("reference", "counsellor_id", *SCALARS)
    rows = frame.select(
        pl.col("jobseeker_id").alias("reference"), "counsellor_id", *_plain_scalars()
    ).rows()
    rows_insert(JobSeeker._meta.db_table, columns, rows)


def _jobseekers_update(frame: pl.DataFrame, pks: dict[str, int]) -> list[int]:
    """Write the changed people's columns; their pks.

    In the database's own bulk form (``bulk_writes.rows_update``), not Django's
    ``bulk_update``: its CASE of one WHEN per person for each of the 19 columns took 28 s of
    the 43 s of 2,000 updates on SQLite, and two thirds of the import on PostgreSQL.
    """
    with_pk = frame.with_columns(
        _pk=pl.col("jobseeker_id").replace_strict(pks, return_dtype=pl.Int64)
    )
    rows_update(
        JobSeeker._meta.db_table,
        JobSeeker._meta.pk.column,
        (*SCALARS, "counsellor_id"),
        with_pk.select(*_plain_scalars(), "counsellor_id", "_pk").rows(),
    )
    return with_pk["_pk"].to_list()


def _existing_jobseekers(references: list[str]) -> pl.DataFrame:
    """The stored job seekers among ``references``, in the record schema, for comparison."""
    people = []
    for start in range(0, len(references), _CHUNK):
        people += list(
            JobSeeker.objects.filter(reference__in=references[start : start + _CHUNK]).values_list(
                "pk", "reference", "counsellor_id", *SCALARS
            )
        )
    if not people:
        return pl.DataFrame()
    frame = pl.DataFrame(
        people,
        schema=["pk", "jobseeker_id", "counsellor_id", *SCALARS],
        orient="row",
        infer_schema_length=None,
    )
    pks = frame["pk"].to_list()
    skills, experience = [], []
    for start in range(0, len(pks), _CHUNK):
        part = pks[start : start + _CHUNK]
        skills += list(
            JobSeekerSkill.objects.filter(jobseeker_id__in=part, source=SkillSource.REGISTRATION)
            .order_by("jobseeker_id", "skill_uri")
            .values_list("jobseeker_id", "skill_uri")
        )
        experience += list(
            WorkExperience.objects.filter(jobseeker_id__in=part)
            .order_by("jobseeker_id", "pk")
            .values_list("jobseeker_id", "occupation_uri", "years")
        )
    skill_lists = (
        pl.DataFrame(skills, schema={"pk": pl.Int64, "skill": pl.String}, orient="row")
        .group_by("pk")
        .agg(skills=pl.col("skill"))
    )
    experience_lists = (
        pl.DataFrame(
            experience, schema={"pk": pl.Int64, "occ": pl.String, "years": pl.Float64}, orient="row"
        )
        .group_by("pk", maintain_order=True)
        .agg(past_occupations=pl.col("occ"), experience_years=pl.col("years"))
    )
    return frame.join(skill_lists, on="pk", how="left").join(experience_lists, on="pk", how="left")


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    """Both sides (file and database) in one canonical form, so equal rows hash equally."""
    strings, floats = pl.List(pl.String), pl.List(pl.Float64)
    exprs: dict[str, pl.Expr] = {name: pl.col(name) for name in SCALARS}
    for name in ("lat", "lon", "region_unemployment_rate", "max_distance_km"):
        exprs[name] = pl.col(name).cast(pl.Float64).round(9)
    for name in ("isced", "previous_spells", "previous_unemployment_days", "counsellor_id"):
        exprs[name] = pl.col(name).cast(pl.Int64)
    for name in ("languages", "preferred_occupations", "past_occupations"):
        exprs[name] = pl.col(name).cast(strings).fill_null(pl.lit([], strings))
    exprs["skills"] = pl.col("skills").fill_null(pl.lit([], strings)).list.unique().list.sort()
    exprs["experience_years"] = (
        pl.col("experience_years")
        .cast(floats)
        .fill_null(pl.lit([], floats))
        .list.eval(pl.element().round(9))
    )
    exprs["registered_on"] = pl.col("registered_on").cast(pl.Date)
    return frame.select(
        pl.col("jobseeker_id"), *[exprs[name].alias(name) for name in sorted(exprs)]
    )


def _counsellor_ids(records: pl.DataFrame, *, file: str) -> pl.Series:
    names = records["counsellor"].drop_nulls().unique().to_list()
    # Only a counsellor holds a caseload: a job seeker's or an officer's account given here
    # would leave the person on no counsellor's list.
    counsellors = get_user_model().objects.filter(
        username__in=names, groups__name=Role.COUNSELLOR.value
    )
    known = dict(counsellors.values_list("username", "pk"))
    unknown = [n for n in names if n not in known]
    if unknown:
        row = records.with_row_index("_r", offset=1).filter(pl.col("counsellor") == unknown[0])[
            "_r"
        ][0]
        raise InputError(
            _("expected the user name of a counsellor, not %(name)s") % {"name": unknown[0]},
            file=file,
            column="counsellor",
            row=int(row),
        )
    return records["counsellor"].replace_strict(known, default=None, return_dtype=pl.Int64)


@transaction.atomic
def jobseekers_upsert(
    *,
    actor: Any,
    records: pl.DataFrame,
    progress: Progress = None,
    channel: str = "import",
    file: str = "",
) -> UpsertResult:
    """Create or update job seekers from validated records (``validate_records``)."""
    incoming = records.with_columns(counsellor_id=_counsellor_ids(records, file=file))
    stored = _existing_jobseekers(incoming["jobseeker_id"].to_list())
    new = incoming
    changed = incoming.clear()
    unchanged = 0
    if stored.height:
        key = "jobseeker_id"
        left = _comparable(incoming).with_columns(_h=pl.struct(pl.exclude(key)).hash())
        right = _comparable(stored).with_columns(_h=pl.struct(pl.exclude(key)).hash())
        joined = left.select(key, "_h").join(
            right.select(key, pl.col("_h").alias("_stored")), on=key, how="left"
        )
        new_ids = joined.filter(pl.col("_stored").is_null())[key]
        changed_ids = joined.filter(
            pl.col("_stored").is_not_null() & (pl.col("_h") != pl.col("_stored"))
        )[key]
        unchanged = incoming.height - new_ids.len() - changed_ids.len()
        new = incoming.filter(pl.col(key).is_in(new_ids.implode()))
        changed = incoming.filter(pl.col(key).is_in(changed_ids.implode()))
        if progress and unchanged:
            progress(unchanged)
    pks = dict(stored.select("jobseeker_id", "pk").iter_rows()) if stored.height else {}
    if changed.height:
        ids = _jobseekers_update(changed, pks)
        for start in range(0, len(ids), _CHUNK):
            part = ids[start : start + _CHUNK]
            JobSeekerSkill.objects.filter(
                jobseeker_id__in=part, source=SkillSource.REGISTRATION
            ).delete()
            WorkExperience.objects.filter(jobseeker_id__in=part).delete()
    for start in range(0, new.height, _CHUNK):
        _jobseekers_insert(new.slice(start, _CHUNK))
    if new.height:
        refs = new["jobseeker_id"].to_list()
        for start in range(0, len(refs), _CHUNK):
            pks.update(
                JobSeeker.objects.filter(reference__in=refs[start : start + _CHUNK]).values_list(
                    "reference", "pk"
                )
            )
    for frame in (changed, new):
        if not frame.height:
            continue
        with_pk = frame.with_columns(
            _pk=pl.col("jobseeker_id").replace_strict(pks, return_dtype=pl.Int64)
        )
        skills = (
            with_pk.select("_pk", pl.col("skills").list.unique())
            .explode("skills")
            .drop_nulls("skills")
            .with_columns(source=pl.lit(str(SkillSource.REGISTRATION)))
            # In index order: each insert lands next to the previous one.
            .sort("_pk", "skills")
        )
        experience = (
            with_pk.select("_pk", "past_occupations", "experience_years")
            .explode("past_occupations", "experience_years")
            .drop_nulls("past_occupations")
        )
        rows_insert(
            JobSeekerSkill._meta.db_table, ("jobseeker_id", "skill_uri", "source"), skills.rows()
        )
        rows_insert(
            WorkExperience._meta.db_table,
            ("jobseeker_id", "occupation_uri", "years"),
            experience.rows(),
        )
        if progress:
            progress(frame.height)
    result = UpsertResult(new.height, changed.height, unchanged)
    # One event per person, so each import reaches that person's own access log, then one
    # per national-code choice; all in one bulk write (an import may hold 100,000 people).
    people: list[tuple[str, dict[str, Any]]] = [
        (f"jobseeker:{ref}", {"channel": channel, "kind": kind})
        for kind, frame in (("created", new), ("updated", changed))
        for ref in frame["jobseeker_id"].to_list()
    ]
    choices: list[tuple[str, dict[str, Any]]] = []
    if "national_occupations" in incoming.columns:
        choices = _national_choice_events([new, changed])
    events_record(actor=actor, action=Action.RECORD_CHANGED, events=people + choices)
    return result


def _national_choice_events(frames: list[pl.DataFrame]) -> list[tuple[str, dict[str, Any]]]:
    """One trail event per wished-for occupation chosen through a national code, with the
    subject and details the counsellor's form writes
    (``classifications.services.national_choice_record``, whose one-event-per-call write
    would cost two queries per choice here). A test compares the two."""
    events: list[tuple[str, dict[str, Any]]] = []
    for frame in frames:
        chosen = frame.select("jobseeker_id", "national_occupations").filter(
            pl.col("national_occupations").list.len() > 0
        )
        for reference, entries in chosen.iter_rows():
            for entry in entries:
                national, _sep, uri = entry.partition("=")
                events.append(
                    (
                        f"jobseeker:{reference}",
                        {"preferred_occupation_added": uri, "national_code": national},
                    )
                )
    return events


def _registered(refs: list[str], *, file: str) -> dict[str, int]:
    """Each reference's job seeker pk; the first that is not registered is refused, naming
    its row and the reference."""
    pks: dict[str, int] = {}
    for start in range(0, len(refs), _CHUNK):
        pks.update(
            JobSeeker.objects.filter(reference__in=refs[start : start + _CHUNK]).values_list(
                "reference", "pk"
            )
        )
    missing = next((r for r in refs if r not in pks), None)
    if missing is not None:
        raise InputError(
            _("expected the reference of a registered job seeker, not %(ref)s") % {"ref": missing},
            file=file,
            column="jobseeker_id",
            row=refs.index(missing) + 1,
        )
    return pks


@transaction.atomic
def protected_upsert(
    *,
    actor: Any,
    records: pl.DataFrame,
    progress: Progress = None,
    channel: str = "import",
    file: str = "",
) -> UpsertResult:
    """Set protected attributes. The trail records that they were written, never their values."""
    pks = _registered(records["jobseeker_id"].to_list(), file=file)
    fields = ("sex", "age", "origin", "disability")
    stored = {
        pk: values
        for pk, *values in ProtectedAttributes.objects.filter(
            jobseeker_id__in=list(pks.values())
        ).values_list("jobseeker_id", *fields)
    }
    new, changed, unchanged = [], [], 0
    for row in records.iter_rows(named=True):
        pk = pks[row["jobseeker_id"]]
        values = [row[f] for f in fields]
        if pk not in stored:
            new.append(
                ProtectedAttributes(jobseeker_id=pk, **dict(zip(fields, values, strict=True)))
            )
        elif list(stored[pk]) != values:
            changed.append((pk, dict(zip(fields, values, strict=True))))
        else:
            unchanged += 1
    ProtectedAttributes.objects.bulk_create(new, batch_size=2000)
    for pk, values in changed:
        ProtectedAttributes.objects.filter(jobseeker_id=pk).update(**values)
    if progress:
        progress(records.height)
    result = UpsertResult(len(new), len(changed), unchanged)
    references = {pk: ref for ref, pk in pks.items()}
    events_record(
        actor=actor,
        action="protected.written",
        events=[
            (f"jobseeker:{references[pk]}", {"channel": channel, "kind": kind})
            for kind, written in (
                ("created", [p.jobseeker_id for p in new]),
                ("updated", [pk for pk, _values in changed]),
            )
            for pk in written
        ],
    )
    return result


def records_apply(
    kind: Kind,
    records: pl.DataFrame,
    *,
    actor: Any,
    source: str,
    progress: Progress = None,
    channel: str = "import",
    file: str = "",
) -> UpsertResult:
    """Apply validated records of any kind in one transaction."""
    if kind == "jobseekers":
        return jobseekers_upsert(
            actor=actor, records=records, progress=progress, channel=channel, file=file
        )
    if kind == "protected":
        return protected_upsert(
            actor=actor, records=records, progress=progress, channel=channel, file=file
        )
    rows = records.to_dicts()
    if kind == "vacancies":
        for row in rows:
            row["reference"] = row.pop("vacancy_id")
        return vacancies_upsert(
            actor=actor, records=rows, source=source, progress=progress, channel=channel
        )
    if kind == "trainings":
        for row in rows:
            row["reference"] = row.pop("training_id")
        return trainings_upsert(
            actor=actor, records=rows, source=source, progress=progress, channel=channel
        )
    # Checked here too, so that the message names the file and the reference.
    _registered([row["jobseeker_id"] for row in rows], file=file)
    return outcomes_upsert(
        actor=actor, records=rows, source=source, progress=progress, channel=channel
    )
