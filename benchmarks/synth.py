"""Benchmark ``openpes.synth``: a million job seekers within 60 s and 4 GB on 2 cores.

Run:  .venv/bin/python benchmarks/synth.py [--quick]

1. Scale (the acceptance criterion): ``generate_world(1_000_000, 100_000, 1_000)`` and
   ``World.write_parquet`` in a fresh child process; prints wall time of each step and the
   child's peak resident memory (``ru_maxrss``), which includes the interpreter, Polars and
   the ESCO taxonomy.
2. Peers, on the same data in one process:
   - writing: our ``write_parquet`` (dictionary-encoded list columns through Polars) against
     ``pyarrow.parquet.write_table`` of the same frames (zstd, dictionary on, same row groups);
   - skill sampling: our vectorised career and skill draw against the obvious per-person
     Python loop over each past occupation's essential and optional skills.
3. The demo call ``generate_world(2000, 800, 150)`` that seeds the web demo (target < 3 s).

``--quick`` shrinks the scale run to 50,000 job seekers and 5,000 vacancies.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _peak_gb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child_scale(n_jobseekers: int, n_vacancies: int, n_trainings: int) -> None:
    """Run in a fresh process: time generation and writing, report peak memory as JSON."""
    begin_import = time.perf_counter()
    from openpes.synth import generate_world

    imported = time.perf_counter() - begin_import
    start = time.perf_counter()
    steps: dict[str, float] = {}

    def on_step(name: str) -> None:
        steps[name] = time.perf_counter() - start

    world = generate_world(n_jobseekers, n_vacancies, n_trainings, seed=1, progress=on_step)
    generated = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        begin = time.perf_counter()
        paths = world.write_parquet(folder)
        written = time.perf_counter() - begin
        sizes = {p.name: p.stat().st_size for p in paths}
    print(
        json.dumps(
            {
                "import_s": imported,
                "generate_s": generated,
                "write_s": written,
                "total_s": generated + written,
                "peak_gb": _peak_gb(),
                "cpu_s": _cpu_seconds(),
                "steps": steps,
                "sizes_mb": {k: round(v / 1e6, 1) for k, v in sizes.items()},
                "employed_12m": float(world.outcomes["employed_12m"].mean()),  # type: ignore[arg-type]
            }
        )
    )


def peers(n_jobseekers: int) -> None:
    import polars as pl
    import pyarrow.parquet as pq

    from openpes.synth import generate_world
    from openpes.synth._careers import CAREER_PARAMETERS, draw_careers
    from openpes.synth._catalogue import build_catalogue
    from openpes.synth._people import draw_people
    from openpes.synth._regions import regions
    from openpes.synth._rng import streams
    from openpes.synth._world import _PARQUET_SETTINGS
    from openpes.taxonomy import Taxonomy

    world = generate_world(n_jobseekers, n_jobseekers // 10, 100, seed=3)
    with tempfile.TemporaryDirectory() as folder:
        begin = time.perf_counter()
        ours = world.write_parquet(Path(folder) / "ours")
        ours_s = time.perf_counter() - begin
        ours_mb = sum(p.stat().st_size for p in ours) / 1e6
        peer_dir = Path(folder) / "peer"
        peer_dir.mkdir()
        begin = time.perf_counter()
        for name, frame in world.frames().items():
            pq.write_table(
                frame.to_arrow(),
                peer_dir / f"{name}.parquet",
                compression="zstd",
                use_dictionary=True,
                row_group_size=_PARQUET_SETTINGS["row_group_size"],
            )
        peer_s = time.perf_counter() - begin
        peer_mb = sum(p.stat().st_size for p in peer_dir.iterdir()) / 1e6
    print(
        f"write {n_jobseekers:,} job seekers: ours {ours_s:.2f} s ({ours_mb:.1f} MB), "
        f"pyarrow {peer_s:.2f} s ({peer_mb:.1f} MB), ratio {peer_s / ours_s:.1f}x"
    )

    catalogue = build_catalogue(Taxonomy.load())
    n = min(n_jobseekers, 20_000)
    rngs = streams(4)
    table = regions()
    people = draw_people(rngs["people"], n, table["labour_force_share"].to_numpy())
    begin = time.perf_counter()
    careers = draw_careers(rngs, catalogue, people)
    ours_s = time.perf_counter() - begin

    # The per-person loop draws the same skills from the same occupations and years.
    c = CAREER_PARAMETERS
    rng = np.random.default_rng(5)
    begin = time.perf_counter()
    held_counts = []
    for person in range(n):
        lo, hi = careers.past_offsets[person], careers.past_offsets[person + 1]
        held: set[int] = set()
        for occupation, years in zip(
            careers.past_occupations[lo:hi], careers.experience_years[lo:hi], strict=True
        ):
            learned = 1.0 - np.exp(-years / c["experience_tau_years"])
            for offsets, skills, base, gain in (
                (
                    catalogue.essential_offsets,
                    catalogue.essential_skills,
                    "essential_base",
                    "essential_gain",
                ),
                (
                    catalogue.optional_offsets,
                    catalogue.optional_skills,
                    "optional_base",
                    "optional_gain",
                ),
            ):
                candidates = skills[offsets[occupation] : offsets[occupation + 1]]
                keep = rng.random(len(candidates)) < c[base] + c[gain] * learned
                held.update(candidates[keep].tolist())
        held_counts.append(len(held))
    peer_s = time.perf_counter() - begin
    print(
        f"careers and skills for {n:,} job seekers: ours {ours_s:.2f} s (whole career draw), "
        f"per-person loop {peer_s:.2f} s (skills only), ratio {peer_s / ours_s:.1f}x; "
        f"mean skills {np.diff(careers.skill_offsets).mean():.1f} vs {np.mean(held_counts):.1f} "
        "(loop without noise skills and first-job seekers)"
    )
    del pl


def demo_call() -> None:
    from openpes.synth import generate_world
    from openpes.taxonomy import Taxonomy

    Taxonomy.load()
    times = []
    for seed in range(3):
        begin = time.perf_counter()
        generate_world(2000, 800, 150, seed=seed)
        times.append(time.perf_counter() - begin)
    print(f"demo generate_world(2000, 800, 150): median {sorted(times)[1]:.2f} s (target < 3 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke-test sizes")
    parser.add_argument("--child", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_scale(*args.child)
        return
    sizes = (50_000, 5_000, 100) if args.quick else (1_000_000, 100_000, 1_000)
    load_before = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, sizes)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    print(
        f"scale {sizes[0]:,} job seekers, {sizes[1]:,} vacancies, {sizes[2]:,} trainings: "
        f"generate {report['generate_s']:.1f} s + write {report['write_s']:.1f} s = "
        f"{report['total_s']:.1f} s (limit 60 s; import {report['import_s']:.1f} s more), "
        f"peak RSS {report['peak_gb']:.2f} GB (limit 4 GB); CPU time {report['cpu_s']:.1f} s"
    )
    print(f"  load average before: {load_before:.1f} (2 cores; above 2 means shared)")
    print("  steps (s since start):", {k: round(v, 1) for k, v in report["steps"].items()})
    print("  files (MB):", report["sizes_mb"], f"employed_12m {report['employed_12m']:.3f}")
    peers(20_000 if args.quick else 200_000)
    demo_call()


if __name__ == "__main__":
    main()
