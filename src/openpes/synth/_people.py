"""Who registers with the PES: demographics, education, region and personal situation.

Every share below imitates a public statistic, cited in ``docs/synthetic-world.md``.
Protected attributes (sex, age, origin, disability) influence some *qualifications*
(education, care duties, languages, driving licence, health, work history), as they do in
real registers; they never enter the re-employment hazard except through the explicit
bias mechanisms of :class:`~openpes.synth.BiasConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from openpes.synth._sampling import categorical, weighted_choice

__all__ = ["ORIGINS", "PEOPLE_PARAMETERS", "People", "draw_people"]

ORIGINS: tuple[str, ...] = ("national", "eu", "non_eu")
NATIONAL_LANGUAGE = "de"
_EU_LANGUAGES = np.array(["bg", "el", "es", "fr", "hr", "hu", "it", "pl", "pt", "ro"])
_NON_EU_LANGUAGES = np.array(["ar", "fa", "ru", "so", "sq", "sr", "ti", "tr", "uk", "zh"])

PEOPLE_PARAMETERS: dict[str, Any] = {
    # EU-LFS, unemployed persons by sex (lfsa_ugan): women about 47 %.
    "share_female": 0.47,
    # Registered job seekers by age band (<25, 25-49, 50+), PES registers and EU-LFS.
    "age_band_shares": [0.17, 0.55, 0.28],
    "age_band_ranges": [[18, 24], [25, 49], [50, 66]],
    # EU-LFS unemployment by citizenship (lfsa_ugan): national, other EU, non-EU.
    "origin_shares": [0.80, 0.07, 0.13],
    # EU-SILC activity limitation (hlth_silc_12) among the unemployed of working age, roughly.
    "share_disability": 0.11,
    # EU-LFS unemployed by ISCED 2011 level 0..8 (lfsa_ugad), nationals / EU / non-EU.
    "isced_shares": {
        "national": [0.02, 0.05, 0.23, 0.40, 0.07, 0.04, 0.12, 0.065, 0.005],
        "eu": [0.03, 0.07, 0.22, 0.36, 0.06, 0.04, 0.13, 0.08, 0.01],
        "non_eu": [0.10, 0.12, 0.24, 0.24, 0.04, 0.03, 0.12, 0.10, 0.01],
    },
    # Older cohorts left school earlier: a share of 50+ get one ISCED level less.
    "older_isced_step_down": 0.25,
    # Care duties by sex and age band (<25, 25-49, 50+), after EU-LFS inactivity and
    # part-time reasons "looking after children or incapacitated adults" (lfsa_igar, lfsa_epgar).
    "care_duties": {"female": [0.12, 0.38, 0.15], "male": [0.03, 0.12, 0.07]},
    # Health limitation: most people with a disability, a few others, rising with age.
    "health_limitation_if_disabled": 0.75,
    "health_limitation_base": 0.04,
    "health_limitation_per_year": 0.0025,
    # Driving licence, EU driving-licence surveys: lower when young or recently arrived.
    "driving_licence_base": 0.80,
    "driving_licence_young": 0.55,
    "driving_licence_non_eu_penalty": 0.25,
    "driving_licence_eu_penalty": 0.10,
    # Speaking the national language at working level, by origin.
    "national_language": NATIONAL_LANGUAGE,
    "speaks_national_language": {"national": 1.0, "eu": 0.6, "non_eu": 0.45},
    # English, rising with education (Adult Education Survey, foreign-language skills).
    "english_base": 0.08,
    "english_per_isced": 0.08,
    # Earlier unemployment spells: Poisson, rising with age, falling with education.
    "spells_base": 0.15,
    "spells_per_year": 0.03,
    "spells_education_factor": {"low": 1.3, "medium": 1.0, "high": 0.7},
    "spell_mean_days": 150.0,
    # Job seekers register uniformly over one calendar year.
    "registration_start": "2024-01-01",
    "registration_days": 366,
}


@dataclass(frozen=True, eq=False)
class People:
    """Per-person arrays; lists are CSR (``*_offsets`` into flat values)."""

    female: np.ndarray
    age: np.ndarray
    origin: np.ndarray  # index into ORIGINS
    disability: np.ndarray
    isced: np.ndarray
    region: np.ndarray  # index into the region table
    care_duties: np.ndarray
    health_limitation: np.ndarray
    driving_licence: np.ndarray
    speaks_national: np.ndarray
    language_offsets: np.ndarray
    languages: np.ndarray  # ISO 639-1 codes, flat
    registration_day: np.ndarray  # days since registration_start
    previous_spells: np.ndarray
    previous_unemployment_days: np.ndarray

    @property
    def age_band(self) -> np.ndarray:
        return np.where(self.age < 25, 0, np.where(self.age < 50, 1, 2)).astype(np.int8)


def _languages(
    rng: np.random.Generator, origin: np.ndarray, isced: np.ndarray, speaks_national: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    p = PEOPLE_PARAMETERS
    n = len(origin)
    english = rng.random(n) < (
        p["english_base"] + p["english_per_isced"] * isced + 0.1 * (origin > 0)
    )
    home = np.where(
        origin == 1,
        _EU_LANGUAGES[rng.integers(0, len(_EU_LANGUAGES), n)],
        _NON_EU_LANGUAGES[rng.integers(0, len(_NON_EU_LANGUAGES), n)],
    )
    # Columns in a fixed order; per person the codes come out sorted alphabetically.
    codes = np.stack([np.full(n, NATIONAL_LANGUAGE), np.full(n, "en"), home.astype("<U2")], axis=1)
    keep = np.stack([speaks_national, english, origin > 0], axis=1)
    order = np.argsort(codes, axis=1, kind="stable")
    codes = np.take_along_axis(codes, order, axis=1)
    keep = np.take_along_axis(keep, order, axis=1)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(keep.sum(axis=1), out=offsets[1:])
    return offsets, codes[keep]


def draw_people(rng: np.random.Generator, n: int, region_weights: np.ndarray) -> People:
    """Draw ``n`` job seekers' personal attributes."""
    p = PEOPLE_PARAMETERS
    female = rng.random(n) < p["share_female"]
    band = weighted_choice(rng, np.asarray(p["age_band_shares"]), n)
    low = np.asarray([r[0] for r in p["age_band_ranges"]])[band]
    high = np.asarray([r[1] for r in p["age_band_ranges"]])[band]
    age = (low + np.floor(rng.random(n) * (high - low + 1))).astype(np.int16)
    origin = weighted_choice(rng, np.asarray(p["origin_shares"]), n).astype(np.int8)
    disability = rng.random(n) < p["share_disability"]
    isced_table = np.asarray([p["isced_shares"][o] for o in ORIGINS])
    isced = categorical(rng, isced_table[origin]).astype(np.int8)
    older = (age >= 50) & (rng.random(n) < p["older_isced_step_down"])
    isced = np.maximum(isced - older, 0).astype(np.int8)
    region = weighted_choice(rng, region_weights, n).astype(np.int16)

    care_table = np.asarray([p["care_duties"]["male"], p["care_duties"]["female"]])
    age_band = np.where(age < 25, 0, np.where(age < 50, 1, 2))
    care_duties = rng.random(n) < care_table[female.astype(np.int8), age_band]
    health_limitation = rng.random(n) < np.where(
        disability,
        p["health_limitation_if_disabled"],
        p["health_limitation_base"] + p["health_limitation_per_year"] * (age - 18),
    )
    licence_p = np.where(age < 25, p["driving_licence_young"], p["driving_licence_base"])
    licence_p = licence_p - np.select(
        [origin == 2, origin == 1],
        [p["driving_licence_non_eu_penalty"], p["driving_licence_eu_penalty"]],
        0.0,
    )
    driving_licence = rng.random(n) < licence_p
    speaks = np.asarray([p["speaks_national_language"][o] for o in ORIGINS])
    speaks_national = rng.random(n) < speaks[origin]
    language_offsets, languages = _languages(rng, origin, isced, speaks_national)

    education_factor = np.select(
        [isced <= 2, isced <= 4],
        [p["spells_education_factor"]["low"], p["spells_education_factor"]["medium"]],
        p["spells_education_factor"]["high"],
    )
    spells = rng.poisson((p["spells_base"] + p["spells_per_year"] * (age - 18)) * education_factor)
    spells = np.minimum(spells, 12).astype(np.int32)
    # A sum of `spells` exponential spells is a gamma draw; shape 0 would be invalid.
    days = rng.gamma(np.maximum(spells, 1), p["spell_mean_days"]) * (spells > 0)
    registration_day = rng.integers(0, p["registration_days"], n).astype(np.int32)
    return People(
        female=female,
        age=age,
        origin=origin,
        disability=disability,
        isced=isced,
        region=region,
        care_duties=care_duties,
        health_limitation=health_limitation,
        driving_licence=driving_licence,
        speaks_national=speaks_national,
        language_offsets=language_offsets,
        languages=languages,
        registration_day=registration_day,
        previous_spells=spells,
        # Each earlier spell lasted at least a day.
        previous_unemployment_days=np.maximum(np.round(days), spells).astype(np.int32),
    )
