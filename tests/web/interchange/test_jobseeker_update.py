"""An update of job seekers stores exactly what a creation of the same record stores (the
update writes its own SQL), and a re-import of it then changes nothing."""

from __future__ import annotations

import datetime as dt

import polars as pl

from openpes.web.caseload.models import JobSeeker
from openpes.web.interchange.services import SCALARS, jobseekers_upsert
from openpes.web.interchange.validate import validate_records
from openpes.web.trail.models import AuditEvent
from tests.web.factories import UserFactory

SKILLS = [
    "http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd",
    "http://data.europa.eu/esco/skill/0256f6b0-f4a9-4c5e-9cfd-96d58a2a70fe",
]


def _records(**values: object) -> pl.DataFrame:
    base = {
        "jobseeker_id": ["JS-1"],
        "isced": [3],
        "region": ["West"],
        "lat": [51.0],
        "lon": [6.0],
        "registered_on": ["2026-11-02"],
        "skills": [SKILLS[:1]],
    }
    typed, problems = validate_records("jobseekers", pl.DataFrame({**base, **values}), file="t")
    assert not problems, problems
    return typed


def _stored(reference: str) -> tuple[object, ...]:
    return JobSeeker.objects.values_list("counsellor__username", *SCALARS).get(reference=reference)


def test_an_update_stores_what_a_creation_stores(db):
    from django.contrib.auth.models import Group

    from openpes.web.accounts.enums import Role

    counsellor = UserFactory(username="c1")
    counsellor.groups.add(Group.objects.get_or_create(name=Role.COUNSELLOR.value)[0])
    jobseekers_upsert(actor="cli", records=_records())
    changed = {
        "first_name": ["Ada"],
        "counsellor": ["c1"],
        "isced": [5],
        "region": ["East"],
        "lat": [50.5],
        "registered_on": ["2026-10-01"],
        "region_unemployment_rate": [0.071],
        "languages": [["fr", "nl"]],
        "driving_licence": [True],
        "preferred_occupations": [
            ["http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"]
        ],
        "preferred_hours": ["part_time"],
        "skills": [SKILLS],
    }
    result = jobseekers_upsert(actor="cli", records=_records(**changed))
    assert (result.created, result.updated) == (0, 1)
    jobseekers_upsert(actor="cli", records=_records(**{**changed, "jobseeker_id": ["JS-2"]}))
    updated, created = _stored("JS-1"), _stored("JS-2")
    assert updated == created
    assert updated[0] == "c1" and JobSeeker.objects.get(reference="JS-1").registered_on == (
        dt.date(2026, 10, 1)
    )
    assert JobSeeker.objects.get(reference="JS-1").languages == ["fr", "nl"]
    again = jobseekers_upsert(actor="cli", records=_records(**changed))
    assert (again.updated, again.unchanged) == (0, 1), "what the update stored reads back equal"
    kinds = list(
        AuditEvent.objects.filter(subject="jobseeker:JS-1", action="record.changed")
        .order_by("pk")
        .values_list("details__kind", flat=True)
    )
    assert kinds == ["created", "updated"]


def test_updates_do_not_take_the_quadratic_bulk_update(db, monkeypatch):
    """Django's bulk_update builds a CASE per person and column: quadratic time on SQLite
    (2,000 updates: 28 s) and two thirds of the import on PostgreSQL (see
    benchmarks/RESULTS.md, interchange); the import must not go back to it."""
    from django.db.models.query import QuerySet

    jobseekers_upsert(actor="cli", records=_records())

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("bulk_update used")

    monkeypatch.setattr(QuerySet, "bulk_update", refused)
    result = jobseekers_upsert(actor="cli", records=_records(isced=[6]))
    assert result.updated == 1 and JobSeeker.objects.get().isced == 6
