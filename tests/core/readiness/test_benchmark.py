"""Anonymous peer benchmarking: the k-anonymity rule, quartiles against pandas, no identity."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.readiness import (
    SharedResult,
    benchmark,
    demo_organisations,
    load_framework,
    score,
    share,
)

FW = load_framework()
RESULTS = [score(a) for a in demo_organisations()]
DIMS = [d.id for d in FW.dimensions]


def _peer(
    values: dict[str, float], *, region: str = "north", size_band: str = "small"
) -> SharedResult:
    return SharedResult(
        FW.id, FW.version, values, float(np.mean(list(values.values()))), region, size_band
    )


def _peers(n: int, seed: int = 0, **kwargs: str) -> list[SharedResult]:
    rng = np.random.default_rng(seed)
    return [
        _peer(
            {d: float(v) for d, v in zip(DIMS, rng.uniform(0, 100, len(DIMS)), strict=True)},
            **kwargs,
        )
        for _ in range(n)
    ]


def test_with_four_contributors_nothing_but_your_own_scores_is_shown():
    own = RESULTS[0]
    bench = benchmark(own, [share(r) for r in RESULTS[1:5]])
    assert not bench.shown
    assert bench.contributors is None  # not even how many shared
    assert bench.groups is None and not bench.groups_shown
    assert [(d.dimension_id, d.own) for d in bench.dimensions] == [("overall", own.score)] + [
        (d.dimension_id, d.score) for d in own.dimensions
    ]
    assert all(d.quartiles is None and d.position is None for d in bench.dimensions)
    # Nothing in the benchmark carries a value that is not yours.
    own_values = {own.score} | {d.score for d in own.dimensions}
    numbers = [v for d in bench.dimensions for v in dataclasses.astuple(d) if isinstance(v, float)]
    assert set(numbers) <= own_values


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 4), st.integers(0, 1000))
def test_below_five_contributors_no_distribution_ever(n, seed):
    bench = benchmark(RESULTS[0], _peers(n, seed))
    assert not bench.shown and bench.contributors is None
    assert all(d.quartiles is None for d in bench.dimensions)


def test_with_five_contributors_quartiles_match_pandas():
    peers = _peers(5, seed=3)
    bench = benchmark(RESULTS[0], peers)
    assert bench.shown and bench.contributors == 5
    frame = pd.DataFrame([p.dimensions for p in peers])
    for d in bench.dimensions[1:]:
        expected = frame[d.dimension_id].quantile([0.25, 0.5, 0.75]).to_numpy()
        assert (d.quartiles.q1, d.quartiles.median, d.quartiles.q3) == pytest.approx(expected)
    overall = bench.dimensions[0]
    assert overall.quartiles.median == pytest.approx(np.median([p.overall for p in peers]))


@pytest.mark.parametrize(
    ("own_value", "position"),
    [
        (0.0, "bottom_quarter"),
        (45.0, "lower_middle"),
        (55.0, "upper_middle"),
        (100.0, "top_quarter"),
    ],
)
def test_position_says_where_you_stand(own_value, position):
    peers = [_peer(dict.fromkeys(DIMS, float(v))) for v in (10, 30, 50, 70, 90)]
    own = dataclasses.replace(
        RESULTS[0],
        dimensions=tuple(dataclasses.replace(d, score=own_value) for d in RESULTS[0].dimensions),
    )
    bench = benchmark(own, peers)
    assert {d.position for d in bench.dimensions[1:]} == {position}


def test_grouping_needs_five_in_every_group():
    five_and_four = _peers(5, 1, region="north") + _peers(4, 2, region="south")
    bench = benchmark(RESULTS[0], five_and_four, group_by="region")
    assert bench.shown and bench.contributors == 9
    assert not bench.groups_shown and bench.groups is None
    five_and_five = _peers(5, 1, region="north") + _peers(5, 2, region="south")
    grouped = benchmark(RESULTS[0], five_and_five, group_by="region")
    assert grouped.groups_shown
    assert [(g.value, g.contributors) for g in grouped.groups] == [("north", 5), ("south", 5)]


def test_demo_data_shows_size_bands_but_not_regions():
    shared = [
        share(r, region=a.region, size_band=a.size_band)
        for r, a in zip(RESULTS, demo_organisations(), strict=True)
    ]
    by_size = benchmark(RESULTS[0], shared, group_by="size_band")
    assert by_size.shown and by_size.groups_shown and len(by_size.groups) == 2
    by_region = benchmark(RESULTS[0], shared, group_by="region")
    assert by_region.shown and not by_region.groups_shown  # three regions of four


def test_shared_results_carry_no_identity():
    result = RESULTS[0]
    shared = share(result, region="north", size_band="large")
    fields = {f.name for f in dataclasses.fields(shared)}
    assert fields == {
        "framework_id",
        "framework_version",
        "dimensions",
        "overall",
        "region",
        "size_band",
    }
    assert result.organisation not in repr(shared)
    assert "Northmarch" not in repr(dataclasses.asdict(shared))


def test_other_frameworks_are_not_compared():
    other = [dataclasses.replace(p, framework_version="0.9") for p in _peers(6)]
    assert not benchmark(RESULTS[0], other).shown


def test_k_below_five_is_refused_and_higher_k_is_honoured():
    with pytest.raises(InputError, match="at least 5"):
        benchmark(RESULTS[0], _peers(10), k=4)
    assert not benchmark(RESULTS[0], _peers(6), k=7).shown


def _lacking(*dimensions: str) -> InputError:
    values = {d: 50.0 for d in DIMS if d not in dimensions}
    with pytest.raises(InputError) as info:
        benchmark(RESULTS[0], [_peer(values)] * 5)
    return info.value


def test_missing_shared_dimensions_are_counted_in_the_readers_language():
    one, two = _lacking(DIMS[0]), _lacking(DIMS[0], DIMS[1])
    first, both = DIMS[0], ", ".join(sorted(DIMS[:2]))
    assert str(one.reason) == f"shared result lacks dimension {first}"
    assert str(two.reason) == f"shared result lacks dimensions {both}"
    assert one.reason.in_language("fr") == f"il manque au résultat partagé la dimension {first}"
    assert two.reason.in_language("fr") == f"il manque au résultat partagé les dimensions {both}"
    assert one.reason.in_language("lv") == f"kopīgotajam rezultātam trūkst dimensijas {first}"
    assert two.reason.in_language("lv") == f"kopīgotajam rezultātam trūkst dimensiju {both}"
