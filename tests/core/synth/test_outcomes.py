"""Outcomes depend on qualifications, and on protected attributes only through the bias.

The bias effects are estimated with a binomial GLM with complementary log-log link on
``employed_12m``: under the generator's proportional-hazards model its coefficients are
log hazard ratios, so each configured ratio must fall inside the estimate's interval.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats

from openpes.synth import BiasConfig, World, generate_world, load_demand
from tests.core.synth._glm import fit_binomial

MECHANISMS = ("age_50_plus", "non_eu_origin", "disability", "women_with_care_duties")


# Indicators with no mechanism of their own: with qualifications held equal their
# coefficients must be zero in every world.
OTHER_GROUPS = ("female", "under_25", "eu_origin")


def _members(world: World, *, others: bool = False) -> pl.DataFrame:
    people = world.protected.join(
        world.jobseekers.select("jobseeker_id", "care_duties"),
        on="jobseeker_id",
        maintain_order="left",
    )
    columns = {
        "age_50_plus": pl.col("age") >= 50,
        "non_eu_origin": pl.col("origin") == "non_eu",
        "disability": pl.col("disability"),
        "women_with_care_duties": (pl.col("sex") == "female") & pl.col("care_duties"),
    }
    if others:
        columns |= {
            "female": pl.col("sex") == "female",
            "under_25": pl.col("age") < 25,
            "eu_origin": pl.col("origin") == "eu",
        }
    return people.select(**columns)


def _fit(world: World, taxonomy, label: str = "employed_12m"):
    """Regress on qualifications as an auditor computes them, plus protected indicators."""
    members = _members(world, others=True).to_numpy().astype(float)
    qualifications = _observable_log_hazard(world, taxonomy)
    x = np.column_stack([np.ones(len(qualifications)), qualifications, members])
    return fit_binomial(x, world.outcomes[label].to_numpy().astype(float), link="cloglog")


def test_default_bias_gaps_are_recovered_within_their_intervals(biased_world, taxonomy):
    config = BiasConfig()
    fit = _fit(biased_world, taxonomy)
    low, high = fit.interval(0.99)
    assert low[1] < 1 < high[1], "qualifications enter the log-hazard with weight 1"
    for position, name in enumerate(MECHANISMS, start=2):
        truth = np.log(getattr(config, name))
        assert low[position] < truth < high[position], (name, fit.coef[position], truth)
        assert high[position] < 0, f"{name}: the gap must be visible, not just consistent"
    for position, name in enumerate(OTHER_GROUPS, start=2 + len(MECHANISMS)):
        assert low[position] < 0 < high[position], (name, fit.coef[position])


def test_without_bias_no_gap_remains_given_qualifications(unbiased_world, taxonomy):
    fit = _fit(unbiased_world, taxonomy)
    low, high = fit.interval(0.99)
    assert low[1] < 1 < high[1]
    for position, name in enumerate(MECHANISMS + OTHER_GROUPS, start=2):
        assert low[position] < 0 < high[position], (name, fit.coef[position])


def test_without_bias_raw_gaps_remain_through_qualifications(unbiased_world):
    # Proxies are realistic: non-EU job seekers less often speak the national language,
    # so their raw re-employment rate is lower even in a world without discrimination.
    frame = unbiased_world.protected.with_columns(unbiased_world.outcomes["employed_12m"])
    rates = frame.group_by("origin").agg(pl.col("employed_12m").mean())
    rate = dict(rates.iter_rows())
    assert rate["non_eu"] < rate["national"] - 0.02


def test_a_custom_configuration_is_recovered(taxonomy):
    config = BiasConfig(
        age_50_plus=0.5, non_eu_origin=1.0, disability=1.0, women_with_care_duties=1.3
    )
    world = generate_world(20_000, 100, 0, seed=5, bias=config, taxonomy=taxonomy)
    low, high = _fit(world, taxonomy).interval(0.99)
    for position, name in enumerate(MECHANISMS, start=2):
        truth = np.log(getattr(config, name))
        assert low[position] < truth < high[position], name


def _observable_log_hazard(world: World, taxonomy) -> np.ndarray:
    """The qualification log-hazard, recomputed independently from what an auditor sees:
    the job-seeker table, the ESCO relations, the demand bundle and the coefficients."""
    truth = world.ground_truth
    h = truth["hazard"]
    js = world.jobseekers
    main = js.select("jobseeker_id", main=pl.col("preferred_occupations").list.first())
    essential = taxonomy.occupation_skills.filter(pl.col("relation") == "essential").unique(
        ["occupation_uri", "skill_uri"]
    )
    n_essential = essential.group_by("occupation_uri").len("n_essential")
    held = (
        js.select("jobseeker_id", skill=pl.col("skills"))
        .explode("skill")
        .join(main, on="jobseeker_id")
        .join(essential, left_on=["main", "skill"], right_on=["occupation_uri", "skill_uri"])
        .group_by("jobseeker_id")
        .len("held")
    )
    demand = load_demand().select(main="occupation_uri", offers="job_offers")
    frame = (
        js.join(main, on="jobseeker_id", maintain_order="left")
        .join(held, on="jobseeker_id", how="left", maintain_order="left")
        .join(
            n_essential,
            left_on="main",
            right_on="occupation_uri",
            how="left",
            maintain_order="left",
        )
        .join(demand, on="main", how="left", maintain_order="left")
        .with_columns(coverage=pl.col("held").fill_null(0) / pl.col("n_essential"))
    )
    return (
        frame.select(
            h["isced"] * (pl.col("isced") - h["isced_reference"])
            + h["skill_coverage"] * (pl.col("coverage") - h["skill_coverage_reference"])
            + h["occupation_demand"]
            * ((pl.col("offers") + 1.0) / h["occupation_demand_reference_offers"]).log()
            + h["experience_log_years"]
            * (pl.col("experience_years").list.sum().log1p() - h["experience_reference_log_years"])
            + h["region_log_unemployment"]
            * (pl.col("region_unemployment_rate") / h["region_unemployment_reference"]).log()
            + h["previous_spells"] * pl.col("previous_spells").clip(0, h["previous_spells_cap"])
            + h["previous_unemployment_years"]
            * (pl.col("previous_unemployment_days") / 365.0).clip(
                0, h["previous_unemployment_years_cap"]
            )
            + h["health_limitation"] * pl.col("health_limitation")
            + h["speaks_national_language"]
            * pl.col("languages").list.contains(truth["people"]["national_language"])
            + h["driving_licence"] * pl.col("driving_licence")
            + h["prefers_part_time"] * (pl.col("preferred_hours") == "part_time")
        )
        .to_series()
        .to_numpy()
    )


def test_log_hazards_are_recomputed_from_what_an_auditor_sees(biased_world, taxonomy):
    """The qualification term uses observable qualifications only; the bias term only
    the protected groups and the configured ratios."""
    # Experience years are rounded to 0.1 in the frame, hence the tolerance.
    np.testing.assert_allclose(
        _observable_log_hazard(biased_world, taxonomy),
        biased_world.outcomes["log_hazard_qualifications"],
        atol=0.02,
    )
    members = _members(biased_world).to_numpy()
    ratios = np.log([biased_world.ground_truth["bias"][name] for name in MECHANISMS])
    np.testing.assert_allclose(
        members @ ratios, biased_world.outcomes["log_hazard_bias"], rtol=0, atol=1e-12
    )


def test_counterfactual_equals_outcome_for_people_the_bias_does_not_touch(biased_world):
    out = biased_world.outcomes
    untouched = out.filter(pl.col("log_hazard_bias") == 0)
    touched = out.filter(pl.col("log_hazard_bias") < 0)
    assert untouched.height > 0.4 * out.height and touched.height > 0.2 * out.height
    for column in ("days_to_reemployment", "censored", "employed_6m", "employed_12m"):
        assert untouched[column].equals(untouched[f"{column}_unbiased"]), column
    # Discrimination only ever delays a hire (the ratios are below 1).
    assert (touched["days_to_reemployment"] >= touched["days_to_reemployment_unbiased"]).all()
    assert (touched["employed_12m"] != touched["employed_12m_unbiased"]).mean() > 0.05


def test_without_bias_every_counterfactual_equals_the_outcome(unbiased_world):
    out = unbiased_world.outcomes
    assert (out["log_hazard_bias"] == 0).all()
    for column in ("days_to_reemployment", "employed_6m", "employed_12m"):
        assert out[column].equals(out[f"{column}_unbiased"])
        if column != "days_to_reemployment":
            assert out[column].equals(out[f"{column}_recorded"])


@pytest.mark.parametrize("horizon", ["6m", "12m"])
def test_label_bias_hides_re_employments_of_its_group_only(biased_world, horizon):
    config = BiasConfig()
    frame = pl.concat(
        [biased_world.protected.select("origin"), biased_world.outcomes], how="horizontal"
    ).filter(pl.col(f"employed_{horizon}"))
    group = frame.filter(pl.col("origin") == "non_eu")
    others = frame.filter(pl.col("origin") != "non_eu")
    assert others[f"employed_{horizon}_recorded"].all()
    lost = int((~group[f"employed_{horizon}_recorded"]).sum())
    # Two-sided exact binomial test of the configured under-recording rate.
    assert stats.binomtest(lost, group.height, config.label_bias).pvalue > 0.001
    assert lost > 0
