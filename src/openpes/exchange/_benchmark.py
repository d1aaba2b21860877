"""Hub benchmarks that never reveal fewer than ``k`` contributors, whatever the filters.

A benchmark cell is the distribution of one metric over the members in a filter: all of
them, one region, one size band, or one region *and* size band. Hiding the small cells is
not enough: two published cells can be subtracted (all members minus the large ones minus
the northern ones...) to isolate a small group. So the cells are published greedily, the
coarsest first, and a cell is added only if, together with the cells already published, no
linear combination of them describes a set of 1 to ``k - 1`` members. Every filter a
person or the API asks for is answered from that one published set, so no combination of
requests can difference it either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from openpes.errors import InputError
from openpes.i18n import messages

_ = messages("openpes.exchange")

__all__ = [
    "MIN_CONTRIBUTORS",
    "Benchmarks",
    "Cell",
    "Contribution",
    "benchmarks",
    "describes_small_group",
]

#: No cell is ever shown from fewer contributors than this, whatever ``k`` asks for.
MIN_CONTRIBUTORS = 5
Filters = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Contribution:
    """One member's values and its profile (the groupings it belongs to)."""

    member: str
    profile: Mapping[str, str]
    values: Mapping[str, float]


@dataclass(frozen=True)
class Cell:
    """A published cell: its filters (empty for all members) and the metric's quartiles."""

    metric: str
    filters: Filters
    contributors: int
    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class Benchmarks:
    """Every published cell; :meth:`cell` answers a filter or says it is not shown."""

    k: int
    dimensions: tuple[str, ...]
    cells: tuple[Cell, ...]

    def cell(self, metric: str, filters: Mapping[str, str] | None = None) -> Cell | None:
        """The published cell for ``metric`` within ``filters``, or None (not shown)."""
        wanted = _key(self.dimensions, filters or {})
        for cell in self.cells:
            if cell.metric == metric and cell.filters == wanted:
                return cell
        return None

    def metrics(self) -> tuple[str, ...]:
        """The metrics with at least one published cell, in first-seen order."""
        return tuple(dict.fromkeys(c.metric for c in self.cells))

    def for_metric(self, metric: str) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.metric == metric)


def _key(dimensions: Sequence[str], filters: Mapping[str, str]) -> Filters:
    return tuple((d, str(filters[d])) for d in dimensions if filters.get(d) not in (None, ""))


def _small_sets(counts: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.float64]:
    """Indicator rows (over atoms) of every union of atoms with 1 to k - 1 members."""
    rows = []
    order = list(range(len(counts)))
    for size in range(1, k):
        for combo in combinations(order, size):
            if counts[list(combo)].sum() < k:
                row = np.zeros(len(counts))
                row[list(combo)] = 1.0
                rows.append(row)
    return np.array(rows).reshape(-1, len(counts))


def describes_small_group(
    cells: npt.NDArray[np.float64], small: npt.NDArray[np.float64], *, tol: float = 1e-9
) -> bool:
    """Whether any row of ``small`` lies in the row space of ``cells`` (so it can be
    computed from the cells' published aggregates).

    Examples
    --------
    >>> import numpy as np
    >>> whole, part = [1.0, 1.0], [1.0, 0.0]
    >>> describes_small_group(np.array([whole, part]), np.array([[0.0, 1.0]]))
    True
    >>> describes_small_group(np.array([whole]), np.array([[0.0, 1.0]]))
    False
    """
    if len(small) == 0 or len(cells) == 0:
        return False
    _u, s, vt = np.linalg.svd(cells, full_matrices=False)
    basis = vt[: int((s > tol * max(1.0, float(s[0]))).sum())]
    residual = small - (small @ basis.T) @ basis
    return bool((np.abs(residual).max(axis=1) < 1e-7).any())


def _candidates(
    dimensions: Sequence[str], profiles: Sequence[Mapping[str, str]], depth: int
) -> list[Filters]:
    found: list[Filters] = [()]
    for width in range(1, depth + 1):
        for dims in combinations(dimensions, width):
            values = sorted({tuple((d, p.get(d, "")) for d in dims) for p in profiles})
            found.extend(values)
    return found


def _metric_cells(
    metric: str, members: Sequence[Contribution], dimensions: Sequence[str], k: int, depth: int
) -> list[Cell]:
    profiles = [{d: str(m.profile.get(d) or "") for d in dimensions} for m in members]
    atoms = sorted({tuple(p[d] for d in dimensions) for p in profiles})
    atom_index = {a: i for i, a in enumerate(atoms)}
    member_atom = np.array([atom_index[tuple(p[d] for d in dimensions)] for p in profiles])
    counts = np.bincount(member_atom, minlength=len(atoms)).astype(np.int64)
    small = _small_sets(counts, k)
    values = np.array([float(m.values[metric]) for m in members])
    published: list[npt.NDArray[np.float64]] = []
    cells = []
    for filters in _candidates(dimensions, profiles, depth):
        inside = np.array(
            [all(atom[dimensions.index(d)] == v for d, v in filters) for atom in atoms]
        )
        n = int(counts[inside].sum())
        if n < k:
            continue
        vector = inside.astype(float)
        if describes_small_group(np.array([*published, vector]), small):
            continue
        published.append(vector)
        q1, median, q3 = np.percentile(values[inside[member_atom]], [25, 50, 75])
        cells.append(Cell(metric, filters, n, float(q1), float(median), float(q3)))
    return cells


def benchmarks(
    contributions: Sequence[Contribution],
    *,
    dimensions: Sequence[str] = ("region", "size_band"),
    k: int = MIN_CONTRIBUTORS,
    depth: int = 2,
) -> Benchmarks:
    """The cells a hub may publish, per metric, over all members and by their groupings.

    Parameters
    ----------
    contributions:
        One per member: its profile (region, size band, ...) and metric values. A member
        without a value for a metric does not contribute to it.
    dimensions:
        The agreed groupings, coarsest first.
    k:
        The minimum number of contributors; at least 5.
    depth:
        How many groupings a filter may combine (2: region *and* size band).

    Examples
    --------
    >>> members = [
    ...     Contribution(f"pes{i}", {"region": "north" if i < 6 else "south"}, {"score": i})
    ...     for i in range(11)
    ... ]
    >>> bench = benchmarks(members, dimensions=("region",))
    >>> bench.cell("score").contributors, bench.cell("score", {"region": "north"}).contributors
    (11, 6)
    >>> bench.cell("score", {"region": "south"}) is None  # 5, but 11 - 6 - 5 = 0 is fine
    False
    """
    if k < MIN_CONTRIBUTORS:
        raise InputError(
            _("k must be at least {min} to keep contributors anonymous, got {k}").format(
                min=MIN_CONTRIBUTORS, k=k
            )
        )
    dims = tuple(dimensions)
    metrics = list(dict.fromkeys(m for c in contributions for m in c.values))
    cells: list[Cell] = []
    for metric in metrics:
        members = [c for c in contributions if c.values.get(metric) is not None]
        if len(members) >= k:
            cells.extend(_metric_cells(metric, members, dims, k, depth))
    return Benchmarks(k=k, dimensions=dims, cells=tuple(cells))
