"""The frames keep the documented contract: columns, dtypes, domains and alignment."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.synth import FRAMES, BiasConfig, generate_world, regions
from openpes.synth._regions import BOX

S, F, INT, B, D = pl.String, pl.Float64, pl.Int32, pl.Boolean, pl.Date
SCHEMAS = {
    "jobseekers": {
        "jobseeker_id": S,
        "isced": INT,
        "region": S,
        "lat": F,
        "lon": F,
        "region_unemployment_rate": F,
        "past_occupations": pl.List(S),
        "experience_years": pl.List(F),
        "skills": pl.List(S),
        "languages": pl.List(S),
        "driving_licence": B,
        "care_duties": B,
        "health_limitation": B,
        "registered_on": D,
        "previous_spells": INT,
        "previous_unemployment_days": INT,
        "preferred_occupations": pl.List(S),
        "max_distance_km": F,
        "preferred_hours": S,
        "preferred_contract": S,
    },
    "protected": {
        "jobseeker_id": S,
        "sex": S,
        "age": INT,
        "age_band": S,
        "origin": S,
        "disability": B,
    },
    "vacancies": {
        "vacancy_id": S,
        "occupation_uri": S,
        "isco_group": S,
        "essential_skills": pl.List(S),
        "optional_skills": pl.List(S),
        "region": S,
        "lat": F,
        "lon": F,
        "hours": S,
        "contract": S,
        "salary_eur": F,
        "requires_driving_licence": B,
        "required_languages": pl.List(S),
        "posted_on": D,
        "closes_on": D,
    },
    "trainings": {
        "training_id": S,
        "title": S,
        "occupation_uri": S,
        "skills_taught": pl.List(S),
        "duration_weeks": INT,
        "mode": S,
        "region": S,
        "lat": F,
        "lon": F,
        "start_dates": pl.List(D),
        "capacity": INT,
    },
    "outcomes": {
        "jobseeker_id": S,
        "days_to_reemployment": INT,
        "censored": B,
        "employed_6m": B,
        "employed_12m": B,
        "reemployed_on": D,
        "hired_vacancy_id": S,
        "days_to_reemployment_unbiased": INT,
        "censored_unbiased": B,
        "employed_6m_unbiased": B,
        "employed_12m_unbiased": B,
        "employed_6m_recorded": B,
        "employed_12m_recorded": B,
        "log_hazard_qualifications": F,
        "log_hazard_bias": F,
    },
}


@pytest.mark.parametrize("name", FRAMES)
def test_frames_have_the_documented_schema(small_world, name):
    assert dict(small_world.frames()[name].schema) == SCHEMAS[name]


def test_ids_are_pseudonymous_unique_and_aligned(small_world):
    ids = small_world.jobseekers["jobseeker_id"]
    assert ids[0] == "JS-0000001"
    assert ids.is_unique().all()
    assert ids.equals(small_world.protected["jobseeker_id"])
    assert ids.equals(small_world.outcomes["jobseeker_id"])
    assert small_world.vacancies["vacancy_id"][0] == "VAC-000001"
    assert small_world.trainings["training_id"][0] == "TRN-00001"


def test_job_seekers_take_documented_values(small_world):
    js = small_world.jobseekers
    assert js["isced"].is_between(0, 8).all()
    assert set(js["region"]) <= set(regions()["region"])
    south, north, west, east = BOX
    assert js["lat"].is_between(south, north).all() and js["lon"].is_between(west, east).all()
    assert js["region_unemployment_rate"].is_between(0.03, 0.15).all()
    assert (js["past_occupations"].list.len() == js["experience_years"].list.len()).all()
    assert (js["experience_years"].explode().drop_nulls() >= 0).all()
    assert (js["preferred_occupations"].list.len() >= 1).all()
    assert set(js["preferred_hours"]) <= {"full_time", "part_time", "any"}
    assert set(js["preferred_contract"]) <= {"permanent", "temporary", "any"}
    assert js["languages"].explode().drop_nulls().str.len_chars().eq(2).all()
    assert js["registered_on"].is_between(date(2024, 1, 1), date(2024, 12, 31)).all()
    assert (js["max_distance_km"] > 0).all()
    assert (js["previous_unemployment_days"] > 0).eq(js["previous_spells"] > 0).all()
    # Skill lists hold distinct ESCO skill URIs.
    skills = js["skills"]
    assert (skills.list.n_unique() == skills.list.len()).all()
    assert skills.explode().drop_nulls().str.starts_with("http://data.europa.eu/esco/skill/").all()


def test_protected_attributes_take_documented_values(small_world):
    protected = small_world.protected
    assert set(protected["sex"]) == {"female", "male"}
    assert set(protected["origin"]) == {"national", "eu", "non_eu"}
    assert protected["age"].is_between(18, 66).all()
    band = (
        pl.when(protected["age"] < 25)
        .then(pl.lit("<25"))
        .when(protected["age"] < 50)
        .then(pl.lit("25-49"))
        .otherwise(pl.lit("50+"))
    )
    assert protected.select((band == pl.col("age_band")).all()).item()


def test_vacancies_and_trainings_take_documented_values(small_world):
    vacancies = small_world.vacancies
    assert set(vacancies["hours"]) <= {"full_time", "part_time"}
    assert set(vacancies["contract"]) <= {"permanent", "temporary"}
    assert (vacancies["closes_on"] > vacancies["posted_on"]).all()
    assert vacancies["isco_group"].str.len_chars().eq(4).all()
    trainings = small_world.trainings
    assert set(trainings["mode"]) <= {"in_person", "online", "blended"}
    assert trainings["skills_taught"].list.len().is_between(1, 8).all()
    assert (trainings["start_dates"].list.len() >= 1).all()
    assert (trainings["capacity"] > 0).all() and (trainings["duration_weeks"] > 0).all()


def test_same_seed_same_world_other_seed_other_world(taxonomy, small_world):
    again = generate_world(2000, 800, 150, seed=42, taxonomy=taxonomy)
    for name in FRAMES:
        assert again.frames()[name].equals(small_world.frames()[name]), name
    assert again.ground_truth == small_world.ground_truth
    other = generate_world(2000, 800, 150, seed=43, taxonomy=taxonomy)
    for name in FRAMES:
        assert not other.frames()[name].equals(small_world.frames()[name]), name


def test_ground_truth_records_every_parameter(small_world):
    truth = small_world.ground_truth
    assert truth["seed"] == 42
    assert truth["sizes"] == {"jobseekers": 2000, "vacancies": 800, "trainings": 150}
    assert truth["bias"] == BiasConfig().to_dict()
    for part in ("people", "careers", "vacancies", "trainings", "hazard", "hiring", "regions"):
        assert truth[part], part
    assert truth["taxonomy"]["occupations"] == 3039
    assert len(truth["demand_bundle_sha256"]) == 64


@pytest.mark.parametrize(
    ("args", "column"),
    [
        ((0, 1, 1), "n_jobseekers"),
        ((10, -1, 1), "n_vacancies"),
        ((10, 1, 2.5), "n_trainings"),
        ((True, 1, 1), "n_jobseekers"),
    ],
)
def test_rejects_bad_sizes(taxonomy, args, column):
    with pytest.raises(InputError) as caught:
        generate_world(*args, seed=1, taxonomy=taxonomy)
    assert caught.value.column == column


def test_rejects_bad_seed_and_bias(taxonomy):
    with pytest.raises(InputError, match="seed"):
        generate_world(10, 1, 1, seed=-1, taxonomy=taxonomy)
    with pytest.raises(InputError, match="BiasConfig"):
        generate_world(10, 1, 1, seed=1, bias={"age_50_plus": 0.5}, taxonomy=taxonomy)  # type: ignore[arg-type]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    n=st.integers(1, 60),
    vacancies=st.integers(0, 30),
    trainings=st.integers(0, 5),
    seed=st.integers(0, 2**32),
)
def test_outcomes_are_consistent_for_any_size(taxonomy, n, vacancies, trainings, seed):
    world = generate_world(n, vacancies, trainings, seed=seed, taxonomy=taxonomy)
    assert [frame.height for frame in world.frames().values()] == [n, n, vacancies, trainings, n]
    out = world.outcomes
    assert out["days_to_reemployment"].is_between(1, 730).all()
    assert (out["censored"] == out["reemployed_on"].is_null()).all()
    assert (~out["employed_6m"] | out["employed_12m"]).all()
    assert (~out["employed_12m"] | ~out["censored"]).all()
    assert (~out["employed_12m_recorded"] | out["employed_12m"]).all()
    hired = out["hired_vacancy_id"].drop_nulls()
    assert hired.is_in(world.vacancies["vacancy_id"].implode()).all()
    assert (out["hired_vacancy_id"].is_null() | ~out["censored"]).all()
