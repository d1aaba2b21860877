"""How long the hub takes to decide which benchmark cells it may publish.

The differencing check enumerates every set of 1 to k-1 members' profiles (atoms) and tests
it against the span of the published cells, once per candidate cell. There is no peer
library for this; the figures go to benchmarks/RESULTS.md.

    PYTHONPATH=src python benchmarks/exchange_cells.py
"""

from __future__ import annotations

import time

import numpy as np

from openpes.exchange import Contribution, benchmarks


def _members(n: int, regions: int, sizes: int, metrics: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [
        Contribution(
            f"pes{i}",
            {"region": f"r{rng.integers(regions)}", "size_band": f"s{rng.integers(sizes)}"},
            {f"m{j}": float(rng.normal()) for j in range(metrics)},
        )
        for i in range(n)
    ]


for n, regions, sizes, metrics in ((12, 3, 2, 12), (60, 6, 3, 12), (200, 10, 3, 12)):
    members = _members(n, regions, sizes, metrics)
    wall, cpu = time.perf_counter(), time.process_time()
    bench = benchmarks(members)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{n} PES, {regions}x{sizes} groups, {metrics} metrics: {len(bench.cells)} cells, "
        f"wall {wall:.3f}s, cpu {cpu:.3f}s"
    )
