from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.profiling import BANDS, SupportNeedsModel, recourse

RANK = {band: i for i, band in enumerate(BANDS)}


def _needy(model: SupportNeedsModel, frame: pl.DataFrame) -> pl.DataFrame:
    return frame.filter(model.bands(frame) != "low")


@pytest.mark.parametrize("kind", ["ebm", "scorecard", "lightgbm"])
def test_recourse_lowers_the_band_without_touching_protected_or_immutable(
    models: dict[str, SupportNeedsModel], world_frame: pl.DataFrame, kind: str
) -> None:
    model = models[kind]
    needy = _needy(model, world_frame).head(12)
    found = 0
    for i in range(needy.height):
        row = needy[i]
        before = RANK[model.bands(row)[0]]
        for option in recourse(model, row):
            found += 1
            changed = row.with_columns(
                pl.lit(c.proposed, dtype=row.schema[c.feature]).alias(c.feature)
                for c in option.changes
            )
            assert RANK[model.bands(changed)[0]] < before
            assert RANK[option.band] < before
            for change in option.changes:
                assert change.feature not in model.immutable
                assert change.feature not in model.protected
                assert change.feature in model.actions
    assert found > 0


def test_options_are_minimal(ebm: SupportNeedsModel, world_frame: pl.DataFrame) -> None:
    for i in range(8):
        row = _needy(ebm, world_frame)[i]
        names = [
            frozenset(c.feature for c in o.changes)
            for o in recourse(ebm, row, max_changes=3, limit=50)
        ]
        for a in names:
            assert not any(b < a for b in names), (
                "a larger change set contains a smaller one that works"
            )


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(0, 3999),
    st.lists(
        st.sampled_from(
            [
                "driving_licence",
                "n_skills",
                "isced",
                "n_languages",
                "preferred_hours",
                "preferred_contract",
                "max_distance_km",
            ]
        ),
        min_size=1,
        max_size=4,
        unique=True,
    ),
)
def test_any_actionable_subset_keeps_to_itself(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame, index: int, actionable: list[str]
) -> None:
    row = world_frame[index % world_frame.height]
    for option in recourse(ebm, row, actionable=actionable, max_changes=2):
        assert {c.feature for c in option.changes} <= set(actionable)


@pytest.mark.parametrize("feature", ["care_duties", "previous_spells", "sex", "origin"])
def test_protected_or_immutable_features_are_refused(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame, feature: str
) -> None:
    row = _needy(ebm, world_frame)[0].with_columns(
        pl.lit("x").alias("sex"), pl.lit("x").alias("origin")
    )
    with pytest.raises(InputError, match=feature):
        recourse(ebm, row, actionable={feature: (True,)})


def test_recourse_refuses_undeclared_names_and_several_rows(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame
) -> None:
    with pytest.raises(InputError, match="region"):
        recourse(ebm, world_frame[0], actionable=["region"])
    with pytest.raises(InputError, match="one row"):
        recourse(ebm, world_frame.head(2))


def test_a_low_band_needs_no_recourse(ebm: SupportNeedsModel, world_frame: pl.DataFrame) -> None:
    low = world_frame.filter(ebm.bands(world_frame) == "low")
    assert recourse(ebm, low[0]) == []
