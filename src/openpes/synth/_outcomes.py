"""Re-employment: a proportional-hazards model, its unbiased counterfactual and label bias.

Time to re-employment follows a Weibull proportional-hazards model,
``S(t) = exp(-(t / scale) ** shape * exp(eta))``. The linear predictor ``eta`` is the sum of
a *qualification* part (skills, education, experience, region, history, health, language,
licence, hours) and a *bias* part that only the mechanisms of
:class:`~openpes.synth.BiasConfig` add. The counterfactual "unbiased" outcome reuses the
very same random draw with the bias part removed, so it equals the observed outcome for
everybody the mechanisms do not touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from openpes.synth._bias import BiasConfig
from openpes.synth._calendar import HORIZON_DAYS
from openpes.synth._careers import Careers
from openpes.synth._people import People

__all__ = [
    "HAZARD_PARAMETERS",
    "Durations",
    "bias_log_hazard",
    "draw_durations",
    "label_bias_group",
]

HAZARD_PARAMETERS: dict[str, Any] = {
    # Weibull baseline: a falling hazard (shape < 1) is the duration dependence seen in
    # unemployment registers; the scale puts about 40 % of job seekers past 12 months,
    # near the EU-LFS long-term unemployment share (une_ltu_a).
    "weibull_shape": 0.85,
    "weibull_scale_days": 600.0,
    # Coefficients of the qualification part of the log-hazard, with reference values.
    "isced": 0.07,
    "isced_reference": 3,
    "skill_coverage": 0.8,
    "skill_coverage_reference": 0.5,
    "occupation_demand": 0.10,
    "occupation_demand_reference_offers": 100.0,
    "experience_log_years": 0.10,
    "experience_reference_log_years": 2.0,
    "region_log_unemployment": -0.6,
    "region_unemployment_reference": 0.07,
    "previous_spells": -0.08,
    "previous_spells_cap": 8,
    "previous_unemployment_years": -0.15,
    "previous_unemployment_years_cap": 5.0,
    "health_limitation": -0.45,
    "speaks_national_language": 0.35,
    "driving_licence": 0.10,
    "prefers_part_time": -0.10,
    # Months that define the employed_6m and employed_12m labels, in days.
    "days_6m": 183,
    "days_12m": 365,
}


@dataclass(frozen=True, eq=False)
class Durations:
    """Observed and counterfactual durations, in days, and the log-hazard parts."""

    log_hazard_qualifications: np.ndarray
    log_hazard_bias: np.ndarray
    time: np.ndarray  # continuous, uncensored
    time_unbiased: np.ndarray


def qualification_log_hazard(
    people: People, careers: Careers, *, occupation_offers: np.ndarray, region_rate: np.ndarray
) -> np.ndarray:
    """The qualification part of the log-hazard, per person."""
    h = HAZARD_PARAMETERS
    spells = np.minimum(people.previous_spells, h["previous_spells_cap"])
    past_years = np.minimum(
        people.previous_unemployment_days / 365.0, h["previous_unemployment_years_cap"]
    )
    return (
        h["isced"] * (people.isced - h["isced_reference"])
        + h["skill_coverage"] * (careers.coverage - h["skill_coverage_reference"])
        + h["occupation_demand"]
        * np.log((occupation_offers + 1.0) / h["occupation_demand_reference_offers"])
        + h["experience_log_years"]
        * (np.log1p(careers.total_experience) - h["experience_reference_log_years"])
        + h["region_log_unemployment"] * np.log(region_rate / h["region_unemployment_reference"])
        + h["previous_spells"] * spells
        + h["previous_unemployment_years"] * past_years
        + h["health_limitation"] * people.health_limitation
        + h["speaks_national_language"] * people.speaks_national
        + h["driving_licence"] * people.driving_licence
        + h["prefers_part_time"] * (careers.hours == 1)
    )


def label_bias_group(people: People, group: str) -> np.ndarray:
    """Membership of the group whose re-employments may go unrecorded."""
    members = {
        "non_eu": people.origin == 2,
        "age_50_plus": people.age >= 50,
        "disability": people.disability,
        "women_with_care_duties": people.female & people.care_duties,
    }
    return members[group]


def bias_log_hazard(people: People, bias: BiasConfig) -> np.ndarray:
    """The part of the log-hazard that employer discrimination adds (zero when none)."""
    # np.where, not multiplication, so that unaffected people get exactly +0.0.
    return (
        np.where(people.age >= 50, np.log(bias.age_50_plus), 0.0)
        + np.where(people.origin == 2, np.log(bias.non_eu_origin), 0.0)
        + np.where(people.disability, np.log(bias.disability), 0.0)
        + np.where(people.female & people.care_duties, np.log(bias.women_with_care_duties), 0.0)
    )


def draw_durations(
    rng: np.random.Generator,
    people: People,
    careers: Careers,
    bias: BiasConfig,
    *,
    occupation_offers: np.ndarray,
    region_rate: np.ndarray,
) -> Durations:
    """Draw each person's time to re-employment, with and without bias."""
    h = HAZARD_PARAMETERS
    qualifications = qualification_log_hazard(
        people, careers, occupation_offers=occupation_offers, region_rate=region_rate
    )
    discrimination = bias_log_hazard(people, bias)
    # One shared draw per person: the counterfactual differs only through the bias term.
    exposure = rng.standard_exponential(len(qualifications))
    shape, scale = h["weibull_shape"], h["weibull_scale_days"]
    time_unbiased = scale * (exposure * np.exp(-qualifications)) ** (1.0 / shape)
    time = scale * (exposure * np.exp(-(qualifications + discrimination))) ** (1.0 / shape)
    return Durations(
        log_hazard_qualifications=qualifications,
        log_hazard_bias=discrimination,
        time=time,
        time_unbiased=time_unbiased,
    )


def censor(time: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whole days until re-employment, censored at the 24-month horizon."""
    censored = time > HORIZON_DAYS
    days = np.where(censored, HORIZON_DAYS, np.maximum(np.ceil(time), 1)).astype(np.int32)
    return days, censored
