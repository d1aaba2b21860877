"""Realism: demand, skills, salaries and shares come from the real data they imitate."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats

from openpes.synth import generate_world, load_demand, regions
from openpes.synth._people import PEOPLE_PARAMETERS
from openpes.synth._vacancies import VACANCY_PARAMETERS


@pytest.fixture(scope="module")
def many_vacancies(taxonomy):
    return generate_world(1, 30_000, 300, seed=9, taxonomy=taxonomy)


def test_vacancy_occupations_follow_real_job_offer_counts(many_vacancies):
    demand = load_demand().select("occupation_uri", "job_offers")
    counts = many_vacancies.vacancies.group_by("occupation_uri").len("drawn")
    table = demand.join(counts, on="occupation_uri", how="left").with_columns(
        pl.col("drawn").fill_null(0)
    )
    assert table.filter(pl.col("job_offers") == 0)["drawn"].sum() == 0
    # Chi-square over the 40 most demanded occupations plus one bucket for the rest.
    table = table.sort("job_offers", descending=True)
    top, rest = table.head(40), table.slice(40)
    observed = np.append(top["drawn"].to_numpy(), rest["drawn"].sum())
    weights = np.append(top["job_offers"].to_numpy(), rest["job_offers"].sum())
    expected = weights / weights.sum() * observed.sum()
    assert stats.chisquare(observed, expected).pvalue > 1e-3


def test_vacancy_skills_are_the_occupations_real_skills(many_vacancies, taxonomy):
    relations = taxonomy.occupation_skills.unique(["occupation_uri", "skill_uri", "relation"])
    for column, relation in (("essential_skills", "essential"), ("optional_skills", "optional")):
        listed = many_vacancies.vacancies.select("occupation_uri", column).explode(column)
        listed = listed.drop_nulls(column)
        known = listed.join(
            relations.filter(pl.col("relation") == relation),
            left_on=["occupation_uri", column],
            right_on=["occupation_uri", "skill_uri"],
            how="semi",
        )
        assert known.height == listed.height, column


def test_salaries_come_from_the_real_medians(many_vacancies):
    salaries = (
        many_vacancies.vacancies.filter(pl.col("hours") == "full_time")
        .join(load_demand(), on="occupation_uri")
        .join(regions(), on="region")
        .select(ratio=pl.col("salary_eur") / (pl.col("salary_eur_right") * pl.col("wage_level")))
    )["ratio"]
    log_ratio = np.log(salaries.to_numpy())
    assert abs(np.median(log_ratio)) < 0.01
    # Rounding to 100 EUR adds a little spread on top of the lognormal noise.
    assert abs(np.std(log_ratio) - VACANCY_PARAMETERS["salary_sigma"]) < 0.01


def test_trainings_teach_essential_skills_of_their_occupation(many_vacancies, taxonomy):
    essential = taxonomy.occupation_skills.filter(pl.col("relation") == "essential")
    taught = many_vacancies.trainings.select("occupation_uri", "skills_taught").explode(
        "skills_taught"
    )
    matched = taught.join(
        essential,
        left_on=["occupation_uri", "skills_taught"],
        right_on=["occupation_uri", "skill_uri"],
        how="semi",
    )
    assert matched.height == taught.height > 0


def test_job_seekers_hold_mostly_essential_skills_of_their_occupations(biased_world, taxonomy):
    js = biased_world.jobseekers.head(5000)
    relations = taxonomy.occupation_skills.unique(["occupation_uri", "skill_uri", "relation"])
    past = js.select("jobseeker_id", occupation_uri="past_occupations").explode("occupation_uri")
    needed = past.drop_nulls().join(relations, on="occupation_uri")
    held = js.select("jobseeker_id", skill_uri="skills").explode("skill_uri").drop_nulls()
    needed = needed.join(
        held.with_columns(held=pl.lit(True)), on=["jobseeker_id", "skill_uri"], how="left"
    ).with_columns(pl.col("held").fill_null(False))
    share = dict(needed.group_by("relation").agg(pl.col("held").mean()).iter_rows())
    assert 0.5 < share["essential"] < 0.95, share
    assert 0.1 < share["optional"] < 0.4, share
    # Most held skills belong to one of the person's occupations; a few are noise.
    own = (
        js.select("jobseeker_id", occupation_uri="preferred_occupations")
        .explode("occupation_uri")
        .vstack(past)
        .join(relations.select("occupation_uri", "skill_uri"), on="occupation_uri")
        .unique(["jobseeker_id", "skill_uri"])
    )
    explained = held.join(own, on=["jobseeker_id", "skill_uri"], how="semi").height / held.height
    assert 0.85 < explained < 1.0


def _within(observed: float, expected: float, n: int) -> bool:
    return abs(observed - expected) < 4 * np.sqrt(expected * (1 - expected) / n) + 1e-9


def test_protected_shares_imitate_the_cited_statistics(biased_world):
    protected = biased_world.protected
    n = protected.height
    p = PEOPLE_PARAMETERS
    assert _within((protected["sex"] == "female").mean(), p["share_female"], n)
    assert _within(protected["disability"].mean(), p["share_disability"], n)
    for origin, share in zip(("national", "eu", "non_eu"), p["origin_shares"], strict=True):
        assert _within((protected["origin"] == origin).mean(), share, n), origin
    for band, share in zip(("<25", "25-49", "50+"), p["age_band_shares"], strict=True):
        assert _within((protected["age_band"] == band).mean(), share, n), band


def test_care_duties_are_more_common_for_women(biased_world):
    frame = biased_world.protected.with_columns(biased_world.jobseekers["care_duties"])
    rate = dict(frame.group_by("sex").agg(pl.col("care_duties").mean()).iter_rows())
    assert rate["female"] > 2 * rate["male"]


def test_hires_fill_fitting_vacancies(biased_world):
    hires = (
        biased_world.outcomes.filter(pl.col("hired_vacancy_id").is_not_null())
        .join(biased_world.jobseekers, on="jobseeker_id")
        .join(biased_world.vacancies, left_on="hired_vacancy_id", right_on="vacancy_id")
    )
    assert hires.height > 0.05 * biased_world.outcomes.height
    assert (hires["occupation_uri"] == hires["preferred_occupations"].list.first()).all()
    assert (hires["posted_on"] <= hires["reemployed_on"]).all()
