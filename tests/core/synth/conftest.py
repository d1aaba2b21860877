"""Worlds shared by the synth tests: generated once per session, small enough to be fast."""

from __future__ import annotations

import pytest

from openpes.synth import BiasConfig, World, generate_world
from openpes.taxonomy import Taxonomy

# Large enough for the bias effects to be estimated to about +-0.05 on the log scale.
BIAS_SIZE = 40_000


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


@pytest.fixture(scope="session")
def small_world(taxonomy: Taxonomy) -> World:
    return generate_world(2000, 800, 150, seed=42, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def biased_world(taxonomy: Taxonomy) -> World:
    return generate_world(BIAS_SIZE, 4000, 10, seed=2026, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def unbiased_world(taxonomy: Taxonomy) -> World:
    return generate_world(BIAS_SIZE, 4000, 10, seed=2026, bias=BiasConfig.none(), taxonomy=taxonomy)
