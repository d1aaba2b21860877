"""Work histories, skills and job preferences of the job seekers.

Occupations are drawn in proportion to real job-offer counts, within the ISCO-08 skill
level that the person's education leads to; skills come from the real ESCO
occupation-skill relations (most essential skills, some optional ones, plus noise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from openpes.synth._catalogue import Catalogue
from openpes.synth._people import ORIGINS, People
from openpes.synth._sampling import (
    categorical,
    expand_csr,
    first_occurrences,
    offsets_of,
    sorted_unique,
    weighted_choice,
)

__all__ = ["CAREER_PARAMETERS", "Careers", "draw_careers", "draw_occupations_at_level"]

CAREER_PARAMETERS: dict[str, Any] = {
    # ISCED 2011 level -> ISCO-08 skill level of the jobs it usually leads to.
    "skill_level_of_isced": [1, 1, 2, 2, 2, 3, 4, 4, 4],
    # Over-qualification (working one skill level below one's education), EU-LFS
    # (lfsa_eoqgan): about 20 % of nationals, 40 % of non-EU citizens.
    "work_below_level": {"national": 0.18, "eu": 0.28, "non_eu": 0.38},
    "work_above_level": 0.06,
    # Demand weight of an occupation: its job offers plus this many, so that occupations
    # without offers still appear in work histories, rarely.
    "occupation_smoothing_offers": 2.0,
    # First-time job seekers (no past occupation), by age band (<25, 25-49, 50+).
    "no_work_history": [0.30, 0.04, 0.03],
    # Number of past occupations beyond the first: Binomial(2, p), p higher from 35.
    "extra_occupation_p_young": 0.2,
    "extra_occupation_p_from_35": 0.4,
    # Years spent in education beyond 18, by ISCED level.
    "school_years_after_18": [0, 0, 0, 1, 1, 3, 4, 6, 9],
    # Share of the years since leaving education that were spent working.
    "working_share_range": [0.3, 0.9],
    # P(holding a skill of a past occupation) = base + gain * (1 - exp(-years / tau)).
    "essential_base": 0.25,
    "essential_gain": 0.60,
    "optional_base": 0.08,
    "optional_gain": 0.25,
    "experience_tau_years": 3.0,
    # Skills from elsewhere (hobbies, training, mislabelling): Poisson mean.
    "noise_skills_mean": 1.5,
    # Preferences.
    "prefer_other_past_occupation": 0.5,
    "prefer_new_occupation": 0.25,
    "max_distance_median_km": 35.0,
    "max_distance_sigma": 0.5,
    "max_distance_factor_care": 0.7,
    "max_distance_factor_no_licence": 0.8,
    # Hours (full_time, part_time, any) with and without care duties; contract.
    "hours_shares_care": [0.30, 0.45, 0.25],
    "hours_shares_other": [0.60, 0.10, 0.30],
    "contract_shares": [0.50, 0.05, 0.45],
}


@dataclass(frozen=True, eq=False)
class Careers:
    """Per-person career arrays; lists are CSR (offsets into flat arrays)."""

    main_occupation: np.ndarray
    coverage: np.ndarray  # share of the main occupation's essential skills held
    total_experience: np.ndarray
    past_offsets: np.ndarray
    past_occupations: np.ndarray
    experience_years: np.ndarray
    skill_offsets: np.ndarray
    skills: np.ndarray
    preferred_offsets: np.ndarray
    preferred_occupations: np.ndarray
    max_distance_km: np.ndarray
    hours: np.ndarray  # index into ("full_time", "part_time", "any")
    contract: np.ndarray  # index into ("permanent", "temporary", "any")


def draw_occupations_at_level(
    rng: np.random.Generator, catalogue: Catalogue, level: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """One occupation per entry of ``level``, proportional to ``weights`` within the level."""
    result = np.empty(len(level), dtype=np.int64)
    # Four skill levels: a loop over levels, not over people.
    for value in range(1, 5):
        rows = np.flatnonzero(level == value)
        candidates = np.flatnonzero((catalogue.skill_level == value) & (weights > 0))
        if len(candidates) == 0:
            candidates = np.flatnonzero(weights > 0)
        result[rows] = candidates[weighted_choice(rng, weights[candidates], len(rows))]
    return result


def _first_occurrences(owner: np.ndarray, value: np.ndarray, n_values: int) -> np.ndarray:
    """Indices of the first row of each (owner, value) pair, in input order."""
    return first_occurrences(owner.astype(np.int64) * n_values + value)


def _skills(
    rng: np.random.Generator,
    catalogue: Catalogue,
    owner: np.ndarray,
    occupation: np.ndarray,
    years: np.ndarray,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    c = CAREER_PARAMETERS
    learned = (1.0 - np.exp(-years / c["experience_tau_years"])).astype(np.float32)
    parts_owner, parts_skill = [], []
    for offsets, skills, base, gain in (
        (
            catalogue.essential_offsets,
            catalogue.essential_skills,
            "essential_base",
            "essential_gain",
        ),
        (catalogue.optional_offsets, catalogue.optional_skills, "optional_base", "optional_gain"),
    ):
        row, skill = expand_csr(occupation, offsets, skills)
        probability = np.float32(c[base]) + np.float32(c[gain]) * learned
        keep = rng.random(len(row), dtype=np.float32) < probability[row]
        parts_owner.append(owner[row[keep]])
        parts_skill.append(skill[keep])
    noise = rng.poisson(c["noise_skills_mean"], n)
    pool = np.concatenate([catalogue.essential_skills, catalogue.optional_skills])
    parts_owner.append(np.repeat(np.arange(n, dtype=np.int64), noise))
    parts_skill.append(pool[rng.integers(0, len(pool), int(noise.sum()))])
    keys = sorted_unique(
        np.concatenate(parts_owner).astype(np.int64) * catalogue.n_skills
        + np.concatenate(parts_skill)
    )
    return keys // catalogue.n_skills, keys % catalogue.n_skills


def draw_careers(
    rngs: dict[str, np.random.Generator], catalogue: Catalogue, people: People
) -> Careers:
    """Draw work histories, skills and preferences for ``people``."""
    c = CAREER_PARAMETERS
    rng = rngs["careers"]
    n = len(people.age)
    below = np.asarray([c["work_below_level"][o] for o in ORIGINS])[people.origin]
    shift = rng.random(n)
    level = np.asarray(c["skill_level_of_isced"])[people.isced]
    level = level - (shift < below) + (shift > 1 - c["work_above_level"])
    level = np.clip(level, 1, 4)

    band = people.age_band
    no_history = rng.random(n) < np.asarray(c["no_work_history"])[band]
    extra = rng.binomial(
        2,
        np.where(people.age >= 35, c["extra_occupation_p_from_35"], c["extra_occupation_p_young"]),
    )
    n_past = np.where(no_history, 0, 1 + extra)
    n_draws = np.maximum(n_past, 1)
    owner = np.repeat(np.arange(n, dtype=np.int64), n_draws)
    position = np.arange(len(owner)) - np.repeat(np.cumsum(n_draws) - n_draws, n_draws)
    weights = catalogue.job_offers + c["occupation_smoothing_offers"]
    occupation = draw_occupations_at_level(rng, catalogue, level[owner], weights)
    first = _first_occurrences(owner, occupation, catalogue.n_occupations)
    owner, occupation, position = owner[first], occupation[first], position[first]
    main = occupation[position == 0]
    is_past = position < n_past[owner]

    # Years worked since education, split between past occupations at random.
    school = np.asarray(c["school_years_after_18"])[people.isced]
    low, high = c["working_share_range"]
    worked = np.maximum(people.age - 18 - school, 0) * rng.uniform(low, high, n)
    share = rng.exponential(1.0, len(owner)) * is_past
    share_total = np.bincount(owner, weights=share, minlength=n)
    years = np.where(is_past, worked[owner] * share / np.maximum(share_total[owner], 1e-12), 0.0)
    years = np.round(years, 1)

    skill_owner, skills = _skills(rngs["skills"], catalogue, owner, occupation, years, n)
    hit = catalogue.essential_matrix()[main[skill_owner] * catalogue.n_skills + skills]
    n_essential = catalogue.essential_count[main]
    covered = np.bincount(skill_owner, weights=hit, minlength=n)
    coverage = np.where(n_essential > 0, covered / np.maximum(n_essential, 1), 0.0)

    preferences = rngs["preferences"]
    keep_past = (position == 0) | (
        preferences.random(len(owner)) < c["prefer_other_past_occupation"]
    )
    new_owner = np.flatnonzero(preferences.random(n) < c["prefer_new_occupation"])
    new_occupation = draw_occupations_at_level(
        preferences, catalogue, level[new_owner], catalogue.job_offers
    )
    pref_owner = np.concatenate([owner[keep_past], new_owner])
    pref_occupation = np.concatenate([occupation[keep_past], new_occupation])
    order = np.argsort(pref_owner, kind="stable")
    pref_owner, pref_occupation = pref_owner[order], pref_occupation[order]
    first = _first_occurrences(pref_owner, pref_occupation, catalogue.n_occupations)
    pref_owner, pref_occupation = pref_owner[first], pref_occupation[first]

    distance = c["max_distance_median_km"] * np.exp(
        preferences.normal(0.0, c["max_distance_sigma"], n)
    )
    distance *= np.where(people.care_duties, c["max_distance_factor_care"], 1.0)
    distance *= np.where(people.driving_licence, 1.0, c["max_distance_factor_no_licence"])
    hours_shares = np.where(
        people.care_duties[:, None],
        np.asarray(c["hours_shares_care"])[None, :],
        np.asarray(c["hours_shares_other"])[None, :],
    )
    hours = categorical(preferences, hours_shares)
    contract = weighted_choice(preferences, np.asarray(c["contract_shares"]), n)

    past_owner = owner[is_past]
    return Careers(
        main_occupation=main,
        coverage=coverage,
        total_experience=np.bincount(owner, weights=years, minlength=n),
        past_offsets=offsets_of(past_owner, n),
        past_occupations=occupation[is_past],
        experience_years=years[is_past],
        skill_offsets=offsets_of(skill_owner, n),
        skills=skills,
        preferred_offsets=offsets_of(pref_owner, n),
        preferred_occupations=pref_occupation,
        max_distance_km=np.round(distance, 1),
        hours=hours.astype(np.int8),
        contract=contract.astype(np.int8),
    )
