"""Comparing with the previous assessment."""

from __future__ import annotations

import dataclasses

import pytest

from openpes.errors import InputError
from openpes.readiness import DONT_KNOW, compare, score
from tests.core.readiness.conftest import assessment, uniform


def test_change_per_dimension_and_whether_it_beats_the_uncertainty(framework):
    before = score(assessment(uniform(framework, 1)))
    after = score(assessment(uniform(framework, 3)))
    result = compare(before, after)
    assert (result.previous_level, result.current_level) == (before.level, after.level)
    assert all(c.change == pytest.approx(50) and c.clear for c in result.dimensions)
    # The same move with half the answers unknown could be explained by the unknowns.
    # Three of four respondents unsure: the lowest possible score (18.75) is below 25.
    unsure = [
        dataclasses.replace(uniform(framework, DONT_KNOW, "front_line"), id=f"u{i}")
        for i in range(3)
    ]
    vague = score(assessment(uniform(framework, 3), *unsure))
    assert vague.score == pytest.approx(75) and vague.low == pytest.approx(18.75)
    assert not any(c.clear for c in compare(before, vague).dimensions)


def test_only_the_same_framework_version_is_compared(framework):
    now = score(assessment(uniform(framework, 2)))
    old = dataclasses.replace(now, framework_version="0.9")
    with pytest.raises(InputError, match="load_json"):
        compare(old, now)
