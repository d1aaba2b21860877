"""Oversight monitors benchmark: one ``run_monitors`` over a million decisions and assessments.

Run:  .venv/bin/python benchmarks/oversight.py [--quick]
      .venv/bin/python benchmarks/oversight.py --db sqlite|postgresql|both [--rows 1000000]

0. ``--db``: the real command end to end. A fresh database (SQLite file or a PostgreSQL
   database ``openpes_bench_oversight``) is migrated and seeded by bulk insert with
   ``--rows`` stored decisions and assessments (half assessments, half suggestions shown
   with their decisions; ``benchmarks/_oversight_db.py``), then ``openpes oversight run
   --period 90d`` runs in a subprocess: wall time, CPU time (user + system of the child)
   and the load average are printed. Target: 10 s on 2 cores.

1. Scale: every monitor of both AI systems (exposure, performance with its estimate,
   human decisions by group, team and counsellor, anchoring, drift; 3 attributes with
   pairwise intersections, a trend by month and the reference window) over 1,000,000
   assessments and 1,000,000 suggestions with their decisions. Target: 10 s on 2 cores.
2. Peer: the override-rate monitor (override, more-support, less-support, agreement and
   fast-decision rates with Wilson intervals, by every attribute and pair, by month and
   reference window, by team and by counsellor) written as pandas group-bys, against the
   same monitor of ours, which also tests every gap against its reference group (Newcombe
   intervals, Holm-adjusted tests, detectable differences) and applies the policy.
   The values of both are compared.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.core.oversight.conftest import (  # noqa: E402
    PERIOD,
    REFERENCE,
    SENSITIVE,
    make_world,
    window_kwargs,
)

from openpes.oversight import default_policy, run_monitors  # noqa: E402
from openpes.oversight._decisions import assessment_decisions  # noqa: E402
from openpes.oversight._inputs import Windows, as_frame, prepare_assessments  # noqa: E402
from openpes.oversight._monitor import Context  # noqa: E402

Z = 1.959963984540054
RANK = {"low": 0, "medium": 1, "high": 2}
INDICATORS = ("override", "more_support", "less_support", "agreement", "fast")


def wilson(k: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * np.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def pandas_peer(df: pd.DataFrame) -> pd.DataFrame:
    """The override monitor as plain pandas group-bys (rates and Wilson intervals)."""
    in_period = (df["shown_at"] >= PERIOD[0]) & (df["shown_at"] < PERIOD[1])
    in_reference = (df["shown_at"] >= REFERENCE[0]) & (df["shown_at"] < REFERENCE[1])
    df = df[in_period | in_reference].copy()
    month = (df["shown_at"].dt.year * 100 + df["shown_at"].dt.month).astype(str)
    df["period"] = np.where(in_reference[df.index], "reference", month)
    model = df["model_band"].map(RANK)
    final = df["final_band"].map(RANK)
    df["override"] = (final != model).astype(np.int8)
    df["more_support"] = (final > model).astype(np.int8)
    df["less_support"] = (final < model).astype(np.int8)
    df["agreement"] = (final == model).astype(np.int8)
    seconds = (df["decided_at"] - df["shown_at"]).dt.total_seconds()
    df["fast"] = (seconds < 10).astype(np.int8)
    current = df[df["period"] != "reference"]
    groupings = [list(c) for r in (1, 2) for c in combinations(SENSITIVE, r)]
    plans = [(current, g) for g in groupings]
    plans += [(df, [*g, "period"]) for g in [[], *([a] for a in SENSITIVE)]]
    plans += [(current, ["team"]), (current, ["counsellor"])]
    out = []
    for frame, keys in plans:
        grouped = (
            frame.groupby(keys, observed=True)[list(INDICATORS)].agg(["sum", "count"])
            if keys
            else None
        )
        if grouped is None:
            continue
        for ind in INDICATORS:
            k = grouped[(ind, "sum")].to_numpy(float)
            n = grouped[(ind, "count")].to_numpy(float)
            low, high = wilson(k, n)
            part = pd.DataFrame(
                {"value": k / n, "low": low, "high": high, "n": n}, index=grouped.index
            )
            part["metric"] = (
                f"{ind}_rate"
                if ind not in ("agreement", "fast")
                else ("agreement_rate" if ind == "agreement" else "fast_decision_rate")
            )
            part["attribute"] = " × ".join(keys)
            out.append(part.reset_index())
    return pd.concat(out, ignore_index=True)


def ours(assessments: pl.DataFrame):
    """The same monitor through openpes.oversight (with tests, policy and suppression)."""
    ctx = Context(
        sensitive=tuple(SENSITIVE),
        intersections=2,
        policy=default_policy(),
        engine="polars",
        reveal=True,
    )
    windows = Windows(PERIOD[0], PERIOD[1], REFERENCE[0], REFERENCE[1])
    frame = prepare_assessments(
        as_frame(assessments, source="assessments", engine="polars"),
        None,
        sensitive=SENSITIVE,
        windows=windows,
        fast_seconds=10,
    )
    return assessment_decisions(frame, ctx, system="support_needs")


def largest_difference(peer: pd.DataFrame, result) -> float:
    table = result.table.filter(pl.col("attribute").is_in(["sex", "age_band", "origin"]))
    worst = 0.0
    for row in table.iter_rows(named=True):
        attr = row["attribute"]
        match = peer[
            (peer["attribute"] == attr)
            & (peer[attr] == row["group"])
            & (peer["metric"] == row["metric"])
        ]
        for column in ("value", "low", "high"):
            worst = max(worst, abs(float(match[column].iloc[0]) - row[column]))
    return worst


def best_of(repeats: int, fn, *args):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


ROOT = Path(__file__).resolve().parent.parent
PG_DB = "openpes_bench_oversight"


def _database_url(db: str, folder: Path, *, keep: bool) -> str:
    if db == "sqlite":
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DB]).fetchone()
        if not (keep and exists):
            c.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            c.execute(f"CREATE DATABASE {PG_DB}")
    return f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"


def _python_env(url: str, folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        OPENPES_DATABASE_URL=url,
        OPENPES_VAR_DIR=str(folder),
        DJANGO_SETTINGS_MODULE="openpes.web.settings",
        PYTHONPATH=str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


def _postgres_cpu() -> float:
    """CPU seconds of the local PostgreSQL server's processes, with their ended children
    (exited backends are counted in the postmaster's children times)."""
    import psutil

    total = 0.0
    for process in psutil.process_iter(["name"]):
        if process.info["name"] != "postgres":
            continue
        try:
            t = process.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def database_benchmark(db: str, rows: int, engine: str = "polars", keep: bool = False) -> None:
    """Seed a fresh database with ``rows`` rows and time ``openpes oversight run`` on it.

    ``keep``: keep the seeded database (``/tmp/openpes-bench-oversight``, PostgreSQL database
    ``openpes_bench_oversight``) and reuse it when it is there, to time again without seeding.
    """
    import resource
    import shutil
    import subprocess
    import tempfile

    kept = Path(tempfile.gettempdir()) / f"openpes-bench-oversight-{db}-{rows}"
    if keep:
        kept.mkdir(exist_ok=True)
    tmp = str(kept) if keep else tempfile.mkdtemp(prefix="openpes-bench-")
    try:
        folder = Path(tmp)
        env = _python_env(_database_url(db, folder, keep=keep), folder)
        seeded = folder / "seeded"
        seed_code = (
            "import sys, time, django; sys.path.insert(0, 'benchmarks'); django.setup();"
            "from django.core.management import call_command;"
            "call_command('migrate', verbosity=0);"
            "from _oversight_db import seed; t = time.perf_counter();"
            f"print(seed(rows={rows}), f'seeded in {{time.perf_counter() - t:.1f}} s')"
        )
        if not seeded.exists():
            subprocess.run([sys.executable, "-c", seed_code], env=env, cwd=ROOT, check=True)
            seeded.write_text("1")
        else:
            migrate = "import django; django.setup(); from django.core.management import call_command; call_command('migrate', verbosity=0)"  # noqa: E501
            subprocess.run([sys.executable, "-c", migrate], env=env, cwd=ROOT, check=True)
        command = [
            sys.executable,
            "-c",
            "from openpes._console import main; main()",
            "oversight",
            "run",
            "--period",
            "90d",
        ]
        command += ["--out", str(folder / "run.json")] + (
            ["--engine", engine] if engine != "polars" else []
        )
        load = os.getloadavg()
        server_before = _postgres_cpu() if db == "postgresql" else None
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        server = (
            f", PostgreSQL server {_postgres_cpu() - server_before:.2f} s CPU (all its "
            "processes, other sessions included)"
            if server_before is not None
            else ""
        )
        if done.returncode not in (0, 1) or not (folder / "run.json").exists():
            raise SystemExit(done.stderr)
        import json

        result = json.loads((folder / "run.json").read_text())
        groups = sorted({f"{a['attribute']}={a['group']} {a['metric']}" for a in result["alerts"]})
        print(
            f"{db}, engine {engine}, {rows:,} rows: `openpes oversight run` {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU{server}; load {load[0]:.1f} -> {os.getloadavg()[0]:.1f}; "
            f"exit {done.returncode}, {len(result['alerts'])} alerts: {'; '.join(groups[:4])}"
        )
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if db == "postgresql" and not keep:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="100,000 rows instead of 1M")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default=None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=["polars", "spark"], default="polars")
    parser.add_argument("--keep", action="store_true", help="keep and reuse the seeded DB")
    args = parser.parse_args()
    if args.db:
        for db in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
            database_benchmark(db, args.rows, args.engine, args.keep)
        return
    n = 100_000 if args.quick else 1_000_000
    world = make_world(n, seed=2026, bias=0.1, k=1)
    print(
        f"rows: {world.assessments.height:,} assessments, {world.suggestions.height:,} suggestions"
    )
    print(f"load average at start: {os.getloadavg()}")

    cpu = time.process_time()
    elapsed, run = best_of(
        1 if not args.quick else 2,
        lambda: run_monitors(
            suggestions=world.suggestions,
            assessments=world.assessments,
            outcomes=world.outcomes,
            **window_kwargs(),
        ),
    )
    cpu = time.process_time() - cpu
    monitors = sum(len(r) for r in run.systems.values())
    print(
        f"run_monitors, {monitors} monitors: {elapsed:.2f} s wall, {cpu:.2f} s CPU "
        f"({len(run.alerts)} alerts; first: "
        f"{run.alerts[0].attribute}={run.alerts[0].group} {run.alerts[0].metric})"
    )

    ours_time, result = best_of(3, ours, world.assessments)
    # The conversion to pandas is left out of the peer's time.
    peer_time, peer = best_of(3, pandas_peer, world.assessments.to_pandas())
    diff = largest_difference(peer, result)
    print(f"override monitor, ours: {ours_time:.2f} s; pandas group-bys: {peer_time:.2f} s")
    print(f"ratio (pandas / ours): {peer_time / ours_time:.2f}x; largest difference {diff:.2e}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
