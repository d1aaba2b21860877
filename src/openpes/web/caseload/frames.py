"""Job seekers from the database as Polars frames in the synthetic world's schema.

The analytics core (matching, profiling) reads that schema, so the web hands it exactly
the columns ``openpes synth`` writes, built from the live records. Protected attributes
are not part of it.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from openpes.web.caseload.models import JobSeeker

JOBSEEKER_COLUMNS: dict[str, pl.DataType] = {
    "jobseeker_id": pl.String(),
    "isced": pl.Int32(),
    "region": pl.String(),
    "lat": pl.Float64(),
    "lon": pl.Float64(),
    "region_unemployment_rate": pl.Float64(),
    "past_occupations": pl.List(pl.String),
    "experience_years": pl.List(pl.Float64),
    "skills": pl.List(pl.String),
    "languages": pl.List(pl.String),
    "driving_licence": pl.Boolean(),
    "care_duties": pl.Boolean(),
    "health_limitation": pl.Boolean(),
    "registered_on": pl.Date(),
    "previous_spells": pl.Int32(),
    "previous_unemployment_days": pl.Int32(),
    "preferred_occupations": pl.List(pl.String),
    "max_distance_km": pl.Float64(),
    "preferred_hours": pl.String(),
    "preferred_contract": pl.String(),
}


def jobseeker_row(person: JobSeeker) -> dict[str, object]:
    """One job seeker's row of ``jobseekers_frame``, before the frame's types are applied."""
    experience = list(person.experience.all())
    return {
        "jobseeker_id": person.reference,
        "isced": person.isced,
        "region": person.region,
        "lat": person.lat,
        "lon": person.lon,
        "region_unemployment_rate": person.region_unemployment_rate,
        "past_occupations": [e.occupation_uri for e in experience],
        "experience_years": [e.years for e in experience],
        "skills": sorted(s.skill_uri for s in person.skills.all()),
        "languages": list(person.languages),
        "driving_licence": person.driving_licence,
        "care_duties": person.care_duties,
        "health_limitation": person.health_limitation,
        "registered_on": person.registered_on,
        "previous_spells": person.previous_spells,
        "previous_unemployment_days": person.previous_unemployment_days,
        "preferred_occupations": list(person.preferred_occupations),
        "max_distance_km": person.max_distance_km,
        "preferred_hours": person.preferred_hours,
        "preferred_contract": person.preferred_contract,
    }


def jobseekers_frame(people: Iterable[JobSeeker]) -> pl.DataFrame:
    """One row per job seeker; skills and experience must be prefetched for large batches."""
    return pl.DataFrame([jobseeker_row(person) for person in people], schema=JOBSEEKER_COLUMNS)
