"""The documented record schemas (docs/integration.md), one per kind of record.

Column names are those ``openpes synth`` writes, so its files are valid input; the API uses
the same names. ``esco`` names the ESCO pillar a URI column must belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

Kind = Literal["jobseekers", "protected", "vacancies", "trainings", "outcomes"]
KINDS: tuple[Kind, ...] = ("jobseekers", "protected", "vacancies", "trainings", "outcomes")

HOURS = ("full_time", "part_time")
CONTRACTS = ("permanent", "temporary")
PREFERRED_HOURS = (*HOURS, "any")
PREFERRED_CONTRACTS = (*CONTRACTS, "any")
OUTCOME_STATUSES = ("employed", "in_training", "still_registered", "left_register")

#: A record's reference and its feed's name, as the API's URLs take them
#: (``/api/v1/jobseekers/{reference}``, ``/vacancies/{source}/{reference}``): one rule for
#: ``openpes import`` and the API, so whatever is stored can be read and updated by URL.
REFERENCE_PATTERN = r"[A-Za-z0-9_.:-]{1,128}"
SOURCE_PATTERN = r"[A-Za-z0-9_.-]{1,64}"


@dataclass(frozen=True)
class Field:
    name: str
    dtype: pl.DataType
    required: bool = True
    choices: tuple[str, ...] = ()
    esco: Literal["skill", "occupation", ""] = ""
    minimum: float | None = None
    maximum: float | None = None
    #: A reference column: its values must match ``REFERENCE_PATTERN``.
    reference: bool = False


_S, _I, _F, _B, _D = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean(), pl.Date()
_LS, _LF, _LD = pl.List(pl.String), pl.List(pl.Float64), pl.List(pl.Date)

SCHEMAS: dict[Kind, tuple[Field, ...]] = {
    "jobseekers": (
        Field("jobseeker_id", _S, reference=True),
        Field("first_name", _S, required=False),
        Field("last_name", _S, required=False),
        Field("counsellor", _S, required=False),
        Field("isced", _I, minimum=0, maximum=8),
        Field("region", _S),
        Field("lat", _F, minimum=-90, maximum=90),
        Field("lon", _F, minimum=-180, maximum=180),
        Field("registered_on", _D),
        Field("region_unemployment_rate", _F, required=False, minimum=0, maximum=1),
        Field("previous_spells", _I, required=False, minimum=0, maximum=1000),
        Field("previous_unemployment_days", _I, required=False, minimum=0, maximum=100_000),
        Field("past_occupations", _LS, required=False, esco="occupation"),
        Field("experience_years", _LF, required=False),
        Field("skills", _LS, esco="skill"),
        Field("languages", _LS, required=False),
        Field("driving_licence", _B, required=False),
        Field("care_duties", _B, required=False),
        Field("health_limitation", _B, required=False),
        Field("preferred_occupations", _LS, required=False, esco="occupation"),
        # National codes (``scheme:code`` or ``scheme:code=ESCO URI``), merged into
        # preferred_occupations by ``validate._national_occupations``.
        Field("national_occupations", _LS, required=False),
        Field("max_distance_km", _F, required=False, minimum=0, maximum=2000),
        Field("preferred_hours", _S, required=False, choices=PREFERRED_HOURS),
        Field("preferred_contract", _S, required=False, choices=PREFERRED_CONTRACTS),
    ),
    "protected": (
        Field("jobseeker_id", _S, reference=True),
        Field("sex", _S, choices=("female", "male")),
        Field("age", _I, minimum=14, maximum=100),
        Field("origin", _S, choices=("national", "eu", "non_eu")),
        Field("disability", _B),
    ),
    "vacancies": (
        Field("vacancy_id", _S, reference=True),
        Field("title", _S, required=False),
        # Free text: the skills found in it stand in for empty essential_skills, and the
        # title for a missing occupation_uri (interchange/from_text.py); it is not stored.
        Field("description", _S, required=False),
        Field("occupation_uri", _S, required=False, esco="occupation"),
        Field("isco_group", _S, required=False),
        Field("essential_skills", _LS, required=False, esco="skill"),
        Field("optional_skills", _LS, required=False, esco="skill"),
        Field("employer", _S, required=False),
        Field("region", _S),
        Field("lat", _F, minimum=-90, maximum=90),
        Field("lon", _F, minimum=-180, maximum=180),
        Field("hours", _S, choices=HOURS),
        Field("contract", _S, choices=CONTRACTS),
        Field("salary_eur", _F, required=False, minimum=0),
        Field("required_languages", _LS, required=False),
        Field("requires_driving_licence", _B, required=False),
        Field("posted_on", _D),
        Field("closes_on", _D),
    ),
    "trainings": (
        Field("training_id", _S, reference=True),
        Field("title", _S),
        Field("provider", _S, required=False),
        Field("occupation_uri", _S, required=False, esco="occupation"),
        Field("skills_taught", _LS, esco="skill"),
        Field("duration_weeks", _I, minimum=0, maximum=520),
        Field("mode", _S, required=False),
        Field("region", _S, required=False),
        Field("lat", _F, required=False, minimum=-90, maximum=90),
        Field("lon", _F, required=False, minimum=-180, maximum=180),
        Field("start_dates", _LD),
        Field("capacity", _I, required=False, minimum=0),
    ),
    "outcomes": (
        Field("jobseeker_id", _S, reference=True),
        Field("status", _S, choices=OUTCOME_STATUSES),
        Field("observed_on", _D),
        Field("employer", _S, required=False),
        Field("occupation_uri", _S, required=False, esco="occupation"),
        Field("vacancy_reference", _S, required=False),
    ),
}

#: The column that identifies a record within its source.
KEYS: dict[Kind, tuple[str, ...]] = {
    "jobseekers": ("jobseeker_id",),
    "protected": ("jobseeker_id",),
    "vacancies": ("vacancy_id",),
    "trainings": ("training_id",),
    "outcomes": ("jobseeker_id", "observed_on"),
}

#: Defaults for optional columns a file leaves out (the model's defaults).
DEFAULTS: dict[str, object] = {
    "first_name": "",
    "last_name": "",
    "counsellor": None,
    "region_unemployment_rate": None,  # unknown, never 0 % (the model reads it as missing)
    "previous_spells": 0,
    "previous_unemployment_days": 0,
    "past_occupations": [],
    "experience_years": [],
    "languages": [],
    "driving_licence": False,
    "care_duties": False,
    "health_limitation": False,
    "preferred_occupations": [],
    "national_occupations": [],
    "max_distance_km": 30.0,
    "preferred_hours": "any",
    "preferred_contract": "any",
    "title": "",
    "description": "",
    "essential_skills": [],
    "isco_group": None,
    "optional_skills": [],
    "employer": "",
    "salary_eur": None,
    "required_languages": [],
    "requires_driving_licence": False,
    "provider": "",
    "occupation_uri": "",
    "mode": "",
    "region": "",
    "lat": None,
    "lon": None,
    "capacity": None,
    "vacancy_reference": "",
}
