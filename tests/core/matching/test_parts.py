"""``MatchIndex`` is frozen parts plus a bounded area cache; neither changes the answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import numpy as np
import pytest

from openpes.errors import InputError
from openpes.matching import MatchIndex, MatchWeights
from openpes.matching._areas import AreaCache
from openpes.synth import World
from openpes.taxonomy import Taxonomy


def test_parts_are_frozen_and_read_only(index: MatchIndex) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.parts = index.parts  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.parts.latest = dt.date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        index.parts.vac_closes[0] = 0


def test_cache_stays_within_its_bounds_and_answers_the_same(
    world: World, taxonomy: Taxonomy, early: dt.date
) -> None:
    index = MatchIndex.build(world.vacancies, taxonomy=taxonomy)
    people = world.jobseekers.head(60)
    cold = index.suggest(people, k=5, as_of=early, chunk_size=7)
    assert len(index.areas) > 3
    tiny = AreaCache(index.parts, max_areas=3, max_bytes=10**9)
    x, y = index.parts.grid_origin
    for dx in range(6):
        tiny.area(x + dx, y, 1, 0)
        assert len(tiny) <= 3
    one_byte = AreaCache(index.parts, max_areas=100, max_bytes=1)
    for dx in range(4):
        one_byte.area(x + dx, y, 1, 0)
        assert len(one_byte) == 1  # the newest area is kept even when over budget
    # A warm cache and a cleared one give the same rows as the cold run.
    assert index.suggest(people, k=5, as_of=early, chunk_size=7).equals(cold)
    index.areas.clear()
    assert len(index.areas) == 0 and index.areas.nbytes == 0
    assert index.suggest(people, k=5, as_of=early).equals(cold)


def test_a_pickled_index_starts_with_an_empty_cache_and_answers_the_same(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    people = world.jobseekers.head(40)
    expected = index.suggest(people, k=5, as_of=early)
    assert len(index.areas) > 0
    copy = pickle.loads(pickle.dumps(index))
    assert len(copy.areas) == 0 and copy.areas.parts is copy.parts
    assert copy.suggest(people, k=5, as_of=early).equals(expected)
    np.testing.assert_array_equal(copy.parts.vac_closes, index.parts.vac_closes)


def test_each_index_owns_its_cache(index: MatchIndex) -> None:
    other = MatchIndex(index.parts)
    assert other.areas is not index.areas and other.areas.parts is index.parts


@pytest.mark.parametrize(
    ("weights", "french"),
    [
        ({"essential": -1.0}, "le poids essential doit être nul ou positif"),
        ({"partial_credit": 2.0}, "partial_credit doit être compris entre 0 et 1"),
        ({"cell_km": 0.0}, "cell_km doit être positif"),
    ],
)
def test_weight_errors_are_translated_where_shown(weights: dict, french: str) -> None:
    with pytest.raises(InputError) as error:
        MatchWeights(**weights)
    assert french in error.value.translate("fr")
    assert error.value.translate("fr") != str(error.value)


def test_schema_errors_are_translated_where_shown(world: World, index: MatchIndex) -> None:
    with pytest.raises(InputError) as error:
        index.suggest(world.vacancies, k=3)
    assert error.value.column == "jobseeker_id"
    assert "identifiant unique" in error.value.translate("fr")
    assert "unique identifier" in str(error.value)
