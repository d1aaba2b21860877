from __future__ import annotations

import pytest

from tests.web.oversight.world import population_create


@pytest.fixture
def population(make_user):
    """1,500 job seekers in two teams with independently drawn protected attributes."""

    def make(n: int = 1500, seed: int = 7) -> list:
        return population_create(make_user, n=n, seed=seed)

    return make
