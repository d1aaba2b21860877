"""Vacancies: demanded occupations, their skills, place, terms and salary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from openpes.synth._calendar import HORIZON_DAYS, dates
from openpes.synth._catalogue import Catalogue
from openpes.synth._regions import BOX
from openpes.synth._sampling import (
    expand_csr,
    identifiers,
    jitter_coordinates,
    labels,
    list_column,
    offsets_of,
    weighted_choice,
)

__all__ = ["VACANCY_PARAMETERS", "Vacancies", "draw_vacancies"]

VACANCY_PARAMETERS: dict[str, Any] = {
    # Share of an occupation's essential / optional ESCO skills that an offer lists.
    "essential_listed": 0.70,
    "optional_listed": 0.25,
    # More offers per head where unemployment is low: weight = share * (0.07 / rate)^0.5.
    "regional_demand_elasticity": 0.5,
    # Part-time and temporary shares by ISCO major group 0..9, approximately as in the
    # EU-LFS by occupation (part-time about 18 % and temporary about 14 % overall).
    "part_time_by_major": [0.05, 0.08, 0.10, 0.12, 0.25, 0.35, 0.15, 0.08, 0.10, 0.35],
    "temporary_by_major": [0.10, 0.08, 0.15, 0.15, 0.18, 0.30, 0.30, 0.20, 0.22, 0.40],
    # Annual salary = occupation median * regional wage level * lognormal noise;
    # part-time offers pay this share of the full-time salary.
    "salary_sigma": 0.12,
    "part_time_salary_factor": 0.6,
    "driving_licence_by_major": [0.30, 0.15, 0.10, 0.25, 0.10, 0.20, 0.30, 0.35, 0.70, 0.30],
    "national_language_by_major": [0.9, 0.9, 0.9, 0.9, 0.9, 0.85, 0.6, 0.75, 0.7, 0.6],
    "english_by_major": [0.1, 0.35, 0.35, 0.2, 0.1, 0.05, 0.02, 0.03, 0.03, 0.02],
    # Offers are posted from 60 days before the first registration to the end of follow-up.
    "posting_lead_days": 60,
    "open_days_min": 14,
    "open_days_mean_extra": 30.0,
    "open_days_max": 90,
    "location_sd_km": 15.0,
}


@dataclass(frozen=True, eq=False)
class Vacancies:
    """The vacancy frame and the integer arrays that hiring needs."""

    frame: pl.DataFrame
    occupation: np.ndarray
    region: np.ndarray
    posted_day: np.ndarray


def draw_vacancies(
    rng: np.random.Generator, n: int, catalogue: Catalogue, regions: pl.DataFrame
) -> Vacancies:
    """Draw ``n`` vacancies, occupations in proportion to real job-offer counts."""
    p = VACANCY_PARAMETERS
    occupation = weighted_choice(rng, catalogue.job_offers, n)
    major = catalogue.major[occupation]
    rate = regions["unemployment_rate"].to_numpy()
    region_weight = (
        regions["labour_force_share"].to_numpy() * (0.07 / rate) ** p["regional_demand_elasticity"]
    )
    region = weighted_choice(rng, region_weight, n)
    lat, lon = jitter_coordinates(
        rng,
        regions["lat"].to_numpy()[region],
        regions["lon"].to_numpy()[region],
        sd_km=p["location_sd_km"],
        box=BOX,
    )
    lists = {}
    for name, offsets, skills, share in (
        (
            "essential_skills",
            catalogue.essential_offsets,
            catalogue.essential_skills,
            "essential_listed",
        ),
        (
            "optional_skills",
            catalogue.optional_offsets,
            catalogue.optional_skills,
            "optional_listed",
        ),
    ):
        row, skill = expand_csr(occupation, offsets, skills)
        keep = rng.random(len(row)) < p[share]
        lists[name] = list_column(
            name, offsets_of(row[keep], n), catalogue.skill_uri.gather(skill[keep])
        )
    part_time = rng.random(n) < np.asarray(p["part_time_by_major"])[major]
    temporary = rng.random(n) < np.asarray(p["temporary_by_major"])[major]
    salary = (
        catalogue.salary_eur[occupation]
        * regions["wage_level"].to_numpy()[region]
        * np.exp(rng.normal(0.0, p["salary_sigma"], n))
        * np.where(part_time, p["part_time_salary_factor"], 1.0)
    )
    licence = rng.random(n) < np.asarray(p["driving_licence_by_major"])[major]
    national = rng.random(n) < np.asarray(p["national_language_by_major"])[major]
    english = rng.random(n) < np.asarray(p["english_by_major"])[major]
    language_keep = np.stack([national, english], axis=1)  # "de" sorts before "en"
    language_codes = np.broadcast_to(np.array(["de", "en"]), (n, 2))[language_keep]
    language_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(language_keep.sum(axis=1), out=language_offsets[1:])
    lead = p["posting_lead_days"]
    posted = rng.integers(-lead, 366 + HORIZON_DAYS, n)
    open_days = np.minimum(
        p["open_days_min"] + np.round(rng.exponential(p["open_days_mean_extra"], n)),
        p["open_days_max"],
    ).astype(np.int64)
    frame = pl.DataFrame(
        [
            identifiers("vacancy_id", "VAC-", n, width=6),
            catalogue.occupation_uri.gather(occupation).alias("occupation_uri"),
            catalogue.isco_group.gather(occupation).alias("isco_group"),
            lists["essential_skills"],
            lists["optional_skills"],
            regions["region"].gather(region),
            pl.Series("lat", lat),
            pl.Series("lon", lon),
            labels("hours", ("full_time", "part_time"), part_time),
            labels("contract", ("permanent", "temporary"), temporary),
            pl.Series("salary_eur", np.round(salary, -2)),
            pl.Series("requires_driving_licence", licence),
            list_column(
                "required_languages", language_offsets, pl.Series(language_codes, dtype=pl.String)
            ),
            dates("posted_on", posted),
            dates("closes_on", posted + open_days),
        ]
    )
    return Vacancies(frame=frame, occupation=occupation, region=region, posted_day=posted)
