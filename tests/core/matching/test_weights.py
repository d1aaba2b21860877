"""Score weights are validated and normalised."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.matching import MatchWeights

weight = st.floats(0.0, 10.0)


@given(weight, weight, weight, st.floats(0.01, 10.0))
def test_normalised_weights_sum_to_one(e: float, o: float, f: float, d: float) -> None:
    parts = MatchWeights(essential=e, optional=o, occupation=f, distance=d).normalised()
    assert sum(parts.values()) == pytest.approx(1.0)
    assert parts["distance"] == pytest.approx(d / (e + o + f + d))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"essential": -1.0},
        {"essential": 0.0, "optional": 0.0, "occupation": 0.0, "distance": 0.0},
        {"partial_credit": 1.5},
        {"candidates": 0},
        {"cell_km": 0.0},
    ],
)
def test_bad_weights_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError):
        MatchWeights(**kwargs)  # type: ignore[arg-type]
