"""``generate_world``: draw every component and assemble the frames."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import numpy as np
import polars as pl

from openpes import __version__
from openpes.errors import InputError
from openpes.i18n import translator
from openpes.synth._bias import BiasConfig
from openpes.synth._calendar import EPOCH, HORIZON_DAYS, dates
from openpes.synth._careers import CAREER_PARAMETERS, Careers, draw_careers
from openpes.synth._catalogue import Catalogue, TaxonomyLike, build_catalogue
from openpes.synth._hiring import HIRING_PARAMETERS, pick_vacancies
from openpes.synth._outcomes import (
    HAZARD_PARAMETERS,
    censor,
    draw_durations,
    label_bias_group,
)
from openpes.synth._people import ORIGINS, PEOPLE_PARAMETERS, People, draw_people
from openpes.synth._regions import BOX, regions
from openpes.synth._rng import streams
from openpes.synth._sampling import identifiers, jitter_coordinates, labels, list_column
from openpes.synth._trainings import TRAINING_PARAMETERS, draw_trainings
from openpes.synth._vacancies import VACANCY_PARAMETERS, draw_vacancies
from openpes.synth._world import World

__all__ = ["GENERATION_STEPS", "generate_world"]

_ = translator("openpes.synth").gettext

#: The steps :func:`generate_world` reports to its ``progress`` callback, in order.
GENERATION_STEPS: tuple[str, ...] = (
    "taxonomy",
    "people",
    "careers",
    "vacancies",
    "trainings",
    "outcomes",
    "frames",
)
_HOURS = ("full_time", "part_time", "any")
_CONTRACTS = ("permanent", "temporary", "any")
_AGE_BANDS = ("<25", "25-49", "50+")


def _check_count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise InputError(
            _("a whole number of at least {minimum} was expected, got {value!r}").format(
                minimum=minimum, value=value
            ),
            column=name,
        )
    return int(value)


def _jobseekers(
    ids: pl.Series,
    people: People,
    careers: Careers,
    catalogue: Catalogue,
    region_table: pl.DataFrame,
    rng: np.random.Generator,
) -> pl.DataFrame:
    lat, lon = jitter_coordinates(
        rng,
        region_table["lat"].to_numpy()[people.region],
        region_table["lon"].to_numpy()[people.region],
        sd_km=12.0,
        box=BOX,
    )
    uri = catalogue.occupation_uri
    return pl.DataFrame(
        [
            ids,
            pl.Series("isced", people.isced.astype(np.int32)),
            region_table["region"].gather(people.region.astype(np.int64)),
            pl.Series("lat", lat),
            pl.Series("lon", lon),
            region_table["unemployment_rate"]
            .gather(people.region.astype(np.int64))
            .alias("region_unemployment_rate"),
            list_column(
                "past_occupations", careers.past_offsets, uri.gather(careers.past_occupations)
            ),
            list_column(
                "experience_years", careers.past_offsets, pl.Series(careers.experience_years)
            ),
            list_column(
                "skills", careers.skill_offsets, catalogue.skill_uri.gather(careers.skills)
            ),
            list_column(
                "languages", people.language_offsets, pl.Series(people.languages, dtype=pl.String)
            ),
            pl.Series("driving_licence", people.driving_licence),
            pl.Series("care_duties", people.care_duties),
            pl.Series("health_limitation", people.health_limitation),
            dates("registered_on", people.registration_day),
            pl.Series("previous_spells", people.previous_spells.astype(np.int32)),
            pl.Series(
                "previous_unemployment_days", people.previous_unemployment_days.astype(np.int32)
            ),
            list_column(
                "preferred_occupations",
                careers.preferred_offsets,
                uri.gather(careers.preferred_occupations),
            ),
            pl.Series("max_distance_km", careers.max_distance_km),
            labels("preferred_hours", _HOURS, careers.hours),
            labels("preferred_contract", _CONTRACTS, careers.contract),
        ]
    )


def _protected(ids: pl.Series, people: People) -> pl.DataFrame:
    return pl.DataFrame(
        [
            ids,
            labels("sex", ("male", "female"), people.female),
            pl.Series("age", people.age.astype(np.int32)),
            labels("age_band", _AGE_BANDS, people.age_band),
            labels("origin", ORIGINS, people.origin),
            pl.Series("disability", people.disability),
        ]
    )


def _demand_digest() -> str:
    data = (files("openpes.synth") / "data" / "demand.parquet").read_bytes()
    return hashlib.sha256(data).hexdigest()


def generate_world(
    n_jobseekers: int,
    n_vacancies: int,
    n_trainings: int,
    *,
    seed: int,
    bias: BiasConfig | None = None,
    taxonomy: TaxonomyLike | None = None,
    progress: Callable[[str], None] | None = None,
) -> World:
    """Generate a synthetic but realistic PES population.

    Occupations follow real job-offer counts, skills the real ESCO occupation-skill
    relations, salaries the real medians; outcomes follow a proportional-hazards model in
    which protected attributes act only through the mechanisms of ``bias``.

    Parameters
    ----------
    n_jobseekers, n_vacancies, n_trainings:
        How many job seekers (at least 1), vacancies and trainings to draw.
    seed:
        A non-negative integer; the same seed gives the same world, byte for byte.
    bias:
        The historical bias to build in; ``BiasConfig()`` by default, ``BiasConfig.none()``
        for a world where outcomes depend on qualifications only.
    taxonomy:
        The ESCO taxonomy to draw occupations and skills from; the bundled
        ``Taxonomy.load()`` by default.
    progress:
        Called with the name of each step of :data:`GENERATION_STEPS` as it starts.

    Returns
    -------
    World
        The frames and the ground truth.

    Examples
    --------
    >>> world = generate_world(100, 30, 5, seed=7)
    >>> world.jobseekers.height, world.protected.height, world.outcomes.height
    (100, 100, 100)
    >>> world.ground_truth["seed"]
    7
    """
    n_jobseekers = _check_count(n_jobseekers, "n_jobseekers", 1)
    n_vacancies = _check_count(n_vacancies, "n_vacancies", 0)
    n_trainings = _check_count(n_trainings, "n_trainings", 0)
    seed = _check_count(seed, "seed", 0)
    bias = BiasConfig() if bias is None else bias
    if not isinstance(bias, BiasConfig):
        raise InputError(_("a BiasConfig was expected"), column="bias")

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    step("taxonomy")
    if taxonomy is None:
        from openpes.taxonomy import Taxonomy

        taxonomy = Taxonomy.load()
    catalogue = build_catalogue(taxonomy)
    region_table = regions()
    rngs = streams(seed)

    step("people")
    region_weights = (
        region_table["labour_force_share"].to_numpy() * region_table["unemployment_rate"].to_numpy()
    )
    people = draw_people(rngs["people"], n_jobseekers, region_weights)
    step("careers")
    careers = draw_careers(rngs, catalogue, people)
    step("vacancies")
    vacancies = draw_vacancies(rngs["vacancies"], n_vacancies, catalogue, region_table)
    step("trainings")
    trainings = draw_trainings(rngs["trainings"], n_trainings, catalogue, region_table)

    step("outcomes")
    region_rate = region_table["unemployment_rate"].to_numpy()[people.region]
    durations = draw_durations(
        rngs["outcomes"],
        people,
        careers,
        bias,
        occupation_offers=catalogue.job_offers[careers.main_occupation],
        region_rate=region_rate,
    )
    days, censored = censor(durations.time)
    days_unbiased, censored_unbiased = censor(durations.time_unbiased)
    lost = label_bias_group(people, bias.label_bias_group) & (
        rngs["outcomes"].random(n_jobseekers) < bias.label_bias
    )
    hire_day = people.registration_day + days
    vacancy = pick_vacancies(
        rngs["hiring"],
        hired=~censored,
        occupation=careers.main_occupation,
        region=people.region,
        hire_day=hire_day,
        vacancy_occupation=vacancies.occupation,
        vacancy_region=vacancies.region,
        vacancy_day=vacancies.posted_day,
        n_regions=region_table.height,
    )

    step("frames")
    ids = identifiers("jobseeker_id", "JS-", n_jobseekers, width=7)
    h = HAZARD_PARAMETERS
    employed_6m = ~censored & (days <= h["days_6m"])
    employed_12m = ~censored & (days <= h["days_12m"])
    vacancy_ids = vacancies.frame["vacancy_id"]
    hired_vacancy = (
        vacancy_ids.gather(np.maximum(vacancy, 0))
        if len(vacancy_ids)
        else pl.Series([None] * n_jobseekers, dtype=pl.String)
    )
    outcomes = pl.DataFrame(
        [
            ids,
            pl.Series("days_to_reemployment", days),
            pl.Series("censored", censored),
            pl.Series("employed_6m", employed_6m),
            pl.Series("employed_12m", employed_12m),
            dates("reemployed_on", hire_day),
            hired_vacancy.alias("hired_vacancy_id"),
            pl.Series("days_to_reemployment_unbiased", days_unbiased),
            pl.Series("censored_unbiased", censored_unbiased),
            pl.Series("employed_6m_unbiased", ~censored_unbiased & (days_unbiased <= h["days_6m"])),
            pl.Series(
                "employed_12m_unbiased", ~censored_unbiased & (days_unbiased <= h["days_12m"])
            ),
            pl.Series("employed_6m_recorded", employed_6m & ~lost),
            pl.Series("employed_12m_recorded", employed_12m & ~lost),
            pl.Series("log_hazard_qualifications", durations.log_hazard_qualifications),
            pl.Series("log_hazard_bias", durations.log_hazard_bias),
        ]
    ).with_columns(
        pl.when(~pl.col("censored")).then(pl.col("reemployed_on")),
        pl.when(pl.Series(vacancy >= 0)).then(pl.col("hired_vacancy_id")),
    )
    ground_truth: dict[str, Any] = {
        "generator": f"openpes.synth {__version__}",
        # The bytes of the written files are stable for these versions.
        "versions": {"openpes": __version__, "polars": pl.__version__, "numpy": np.__version__},
        "seed": seed,
        "sizes": {
            "jobseekers": n_jobseekers,
            "vacancies": n_vacancies,
            "trainings": n_trainings,
        },
        "bias": bias.to_dict(),
        "epoch": EPOCH.isoformat(),
        "horizon_days": HORIZON_DAYS,
        "people": PEOPLE_PARAMETERS,
        "careers": CAREER_PARAMETERS,
        "vacancies": VACANCY_PARAMETERS,
        "trainings": TRAINING_PARAMETERS,
        "hazard": HAZARD_PARAMETERS,
        "hiring": HIRING_PARAMETERS,
        "regions": region_table.to_dicts(),
        "taxonomy": catalogue.describe(),
        "demand_bundle_sha256": _demand_digest(),
    }
    return World(
        jobseekers=_jobseekers(ids, people, careers, catalogue, region_table, rngs["people"]),
        protected=_protected(ids, people),
        vacancies=vacancies.frame,
        trainings=trainings,
        outcomes=outcomes,
        ground_truth=ground_truth,
    )
