"""Shared fixtures: a small synthetic world and its index (built once per session)."""

from __future__ import annotations

import datetime as dt

import pytest

from openpes.matching import MatchIndex
from openpes.synth import World, generate_world
from openpes.taxonomy import Taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


@pytest.fixture(scope="session")
def world() -> World:
    return generate_world(400, 600, 80, seed=11)


@pytest.fixture(scope="session")
def index(world: World, taxonomy: Taxonomy) -> MatchIndex:
    return MatchIndex.build(world.vacancies, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def early(world: World) -> dt.date:
    """A date on which no synthetic vacancy has closed yet."""
    value = world.vacancies["closes_on"].min()
    assert isinstance(value, dt.date)
    return value
