from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.exchange import MIN_CONTRIBUTORS, Contribution, benchmarks

DIMENSIONS = ("region", "size_band")
profiles = st.fixed_dictionaries(
    {
        "region": st.sampled_from(["north", "east", "south", ""]),
        "size_band": st.sampled_from(["small", "large"]),
    }
)
members = st.lists(st.tuples(profiles, st.floats(0, 100), st.booleans()), min_size=0, max_size=40)


def _contributions(rows):
    return [
        Contribution(f"pes{i}", p, {"score": v} | ({"other": v} if extra else {}))
        for i, (p, v, extra) in enumerate(rows)
    ]


def _members_in(cell, contributions):
    return frozenset(
        c.member
        for c in contributions
        if c.values.get(cell.metric) is not None
        and all(str(c.profile.get(d) or "") == v for d, v in cell.filters)
    )


@given(members)
@settings(max_examples=150, deadline=None)
def test_no_combination_of_published_cells_isolates_fewer_than_k(rows):
    contributions = _contributions(rows)
    bench = benchmarks(contributions, dimensions=DIMENSIONS)
    for metric in bench.metrics():
        cells = bench.for_metric(metric)
        sets = [_members_in(c, contributions) for c in cells]
        assert all(
            len(s) == c.contributors >= MIN_CONTRIBUTORS for s, c in zip(sets, cells, strict=True)
        )
        people = sorted(set().union(*sets))
        matrix = np.array([[p in s for p in people] for s in sets], dtype=float)
        rank = np.linalg.matrix_rank(matrix)
        # Brute force, independent of the implementation: no set of 1..k-1 members (here
        # every set of people with the same profile, and their unions) is in the row space.
        groups: dict[tuple, list[str]] = {}
        for c in contributions:
            if c.member in people:
                groups.setdefault(tuple(c.profile[d] for d in DIMENSIONS), []).append(c.member)
        atoms = list(groups.values())
        for size in range(1, MIN_CONTRIBUTORS):
            for combo in combinations(atoms, size):
                chosen = {m for atom in combo for m in atom}
                if len(chosen) >= MIN_CONTRIBUTORS:
                    continue
                row = np.array([[p in chosen for p in people]], dtype=float)
                assert np.linalg.matrix_rank(np.vstack([matrix, row])) > rank, (metric, chosen)


@given(
    members,
    st.dictionaries(
        st.sampled_from(DIMENSIONS), st.sampled_from(["north", "east", "south", "small", "large"])
    ),
)
@settings(max_examples=100, deadline=None)
def test_every_filter_answer_comes_from_the_published_set(rows, filters):
    bench = benchmarks(_contributions(rows), dimensions=DIMENSIONS)
    cell = bench.cell("score", filters)
    assert cell is None or (cell in bench.cells and cell.contributors >= MIN_CONTRIBUTORS)


def test_the_classic_differencing_attack_is_refused():
    # 6 north, 6 east, 3 south: showing all, north and east would give south by subtraction.
    rows = [
        ({"region": r, "size_band": "small"}, float(i), False)
        for i, r in enumerate(["north"] * 6 + ["east"] * 6 + ["south"] * 3)
    ]
    bench = benchmarks(_contributions(rows), dimensions=DIMENSIONS)
    shown = {c.filters for c in bench.for_metric("score")}
    assert () in shown
    assert not {(("region", "north"),), (("region", "east"),)} <= shown
    assert bench.cell("score", {"region": "south"}) is None


def test_a_subset_differing_by_few_is_hidden():
    # Every large PES is northern but one: "large" minus "north & large" would be one PES.
    rows = [({"region": "north", "size_band": "large"}, 1.0, False)] * 6 + [
        ({"region": "east", "size_band": "large"}, 2.0, False),
        *[({"region": "east", "size_band": "small"}, 3.0, False)] * 6,
    ]
    bench = benchmarks(_contributions(rows), dimensions=DIMENSIONS)
    large = bench.cell("score", {"size_band": "large"})
    north = bench.cell("score", {"region": "north"})
    assert large is None or north is None


def test_the_demo_shape_shows_size_bands_not_regions():
    rows = [
        ({"region": r, "size_band": s}, float(i), False)
        for i, (r, s) in enumerate(
            [(r, s) for r in ("north", "east", "south") for s in ("small", "large")] * 2
        )
    ]
    bench = benchmarks(_contributions(rows), dimensions=DIMENSIONS)
    assert bench.cell("score").contributors == 12
    assert bench.cell("score", {"size_band": "small"}).contributors == 6
    assert bench.cell("score", {"region": "north"}) is None


def test_quartiles_are_of_the_cell_members():
    rows = [({"region": "north", "size_band": "small"}, float(v), False) for v in range(1, 6)]
    cell = benchmarks(_contributions(rows)).cell("score")
    assert (cell.q1, cell.median, cell.q3) == (2.0, 3.0, 4.0)


def test_k_below_five_is_refused():
    with pytest.raises(InputError):
        benchmarks([], k=3)
