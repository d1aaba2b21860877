from __future__ import annotations

import polars as pl
import pytest

from openpes.errors import InputError
from openpes.profiling import (
    ACTIONABLE_FEATURES,
    IMMUTABLE_FEATURES,
    WORLD_FEATURES,
    feature_label,
    features_from_world,
    training_frame,
)
from openpes.synth import generate_world

WORLD = generate_world(300, 10, 2, seed=4)


def test_counts_and_sums_match_the_lists_row_by_row() -> None:
    flat = features_from_world(WORLD.jobseekers)
    for source, row in zip(
        WORLD.jobseekers.iter_rows(named=True), flat.iter_rows(named=True), strict=True
    ):
        assert row["n_skills"] == len(source["skills"])
        assert row["n_languages"] == len(source["languages"])
        assert row["n_past_occupations"] == len(source["past_occupations"])
        assert row["experience_years"] == pytest.approx(sum(source["experience_years"]))
        assert row["registration_month"] == source["registered_on"].month
        assert row["jobseeker_id"] == source["jobseeker_id"]


def test_no_protected_attribute_comes_out() -> None:
    flat = features_from_world(WORLD.jobseekers)
    assert set(flat.columns) == {"jobseeker_id", "registered_on", *WORLD_FEATURES}
    assert not set(flat.columns) & {"sex", "age", "age_band", "origin", "disability"}


def test_target_is_the_recorded_outcome_negated() -> None:
    frame = training_frame(WORLD.jobseekers, WORLD.protected, WORLD.outcomes)
    joined = frame.join(WORLD.outcomes, on="jobseeker_id")
    assert (joined["not_employed_12m"] == ~joined["employed_12m_recorded"]).all()
    assert "employed_12m" not in frame.columns  # the truth only on request
    assert (
        "employed_12m"
        in training_frame(WORLD.jobseekers, WORLD.protected, WORLD.outcomes, truth=True).columns
    )


def test_actionable_and_immutable_are_disjoint_world_features() -> None:
    assert not set(ACTIONABLE_FEATURES) & IMMUTABLE_FEATURES
    assert set(ACTIONABLE_FEATURES) | IMMUTABLE_FEATURES <= set(WORLD_FEATURES)
    assert {"care_duties", "health_limitation", "previous_spells"} <= IMMUTABLE_FEATURES


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputError, match="skills"):
        features_from_world(WORLD.jobseekers.drop("skills"))
    with pytest.raises(InputError):
        features_from_world(pl.DataFrame({"a": [1]}))


@pytest.mark.parametrize("language", ["fr", "de", "nl", "es"])
def test_feature_labels_are_translated(language: str) -> None:
    assert feature_label("driving_licence", language) != feature_label("driving_licence", "en")
    assert feature_label("some_pes_column", language) == "some_pes_column"
