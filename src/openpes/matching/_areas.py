"""A bounded cache of map-area matrices, so that a warm index answers one person without slicing.

It is the only part of a :class:`~openpes.matching.MatchIndex` that changes after it is
built. A national batch touches a few hundred areas of a few megabytes each; the byte
budget, not the count, bounds the memory of a long batch.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import scipy.sparse as sp

from openpes.matching._parts import Area, VacancyParts

__all__ = ["AREA_BYTES", "AREA_COUNT", "AreaCache"]

#: Default bounds of an :class:`AreaCache`: areas kept, and their bytes together.
AREA_COUNT = 512
AREA_BYTES = 2_000_000_000

_Key = tuple[int, int, int, int]


def _nbytes(matrix: sp.csr_matrix) -> int:
    return int(matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes)


class AreaCache:
    """The areas of one index's vacancies, least recently used dropped first.

    Parameters
    ----------
    parts:
        The vacancies the areas are sliced from.
    max_areas, max_bytes:
        Bounds; the most recent area is always kept, even when it alone exceeds them.

    Examples
    --------
    >>> from openpes.matching import MatchIndex
    >>> from openpes.synth import generate_world
    >>> from openpes.taxonomy import Taxonomy
    >>> world = generate_world(20, 50, 5, seed=1)
    >>> index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
    >>> cache = AreaCache(index.parts, max_areas=1)
    >>> x, y = index.parts.grid_origin  # the south-west corner of the grid
    >>> matrix, columns = cache.area(x, y, max(index.parts.grid_shape), as_of_day=0)
    >>> _ = cache.area(x + 1, y, 1, as_of_day=0)
    >>> len(cache), len(columns)
    (1, 50)
    """

    def __init__(
        self, parts: VacancyParts, *, max_areas: int = AREA_COUNT, max_bytes: int = AREA_BYTES
    ) -> None:
        self.parts = parts
        self.max_areas = max_areas
        self.max_bytes = max_bytes
        self._entries: OrderedDict[_Key, Area] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        """Bytes held by the cached matrices."""
        return self._bytes

    def clear(self) -> None:
        """Forget every area (the next person in each area pays for slicing it again)."""
        self._entries.clear()
        self._bytes = 0

    def area(self, cx: int, cy: int, radius: int, as_of_day: int) -> Area:
        """The augmented matrix and vacancy positions of the open vacancies in reach.

        See :meth:`VacancyParts.area`; the result is kept for the next call.
        """
        key = (cx, cy, radius, as_of_day)
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        entry = self.parts.area(cx, cy, radius, as_of_day)
        self._entries[key] = entry
        self._bytes += _nbytes(entry[0])
        while len(self._entries) > 1 and (
            len(self._entries) > self.max_areas or self._bytes > self.max_bytes
        ):
            _, (old, _) = self._entries.popitem(last=False)
            self._bytes -= _nbytes(old)
        return entry

    def __getstate__(self) -> dict[str, Any]:
        # The cache can hold hundreds of megabytes; a copy (Spark's broadcast) rebuilds it.
        state = dict(self.__dict__)
        state["_entries"] = OrderedDict()
        state["_bytes"] = 0
        return state
