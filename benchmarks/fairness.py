"""Fairness audit benchmark: openpes.fairness against Fairlearn's MetricFrame.

Run:  .venv/bin/python benchmarks/fairness.py [--quick]

1. Fairlearn comparison: the 11 rate metrics on two attributes and their intersection
   (three MetricFrames) against one ``audit(..., intersections=2)``, which also computes
   intervals, tests and verdicts. Prints both times, the ratio and the largest difference
   between any two values.
2. Scale: three attributes with pairwise intersections, all metrics (score included),
   intervals and tests on 10M rows; the file read is timed apart. Peak memory is the
   peak resident set of a fresh child process (in memory, and streaming from Parquet);
   the child also prints its CPU time and the load average, as the machine is shared.
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
import polars as pl

from openpes.fairness import RATE_METRICS, Bound, Policy, audit

# The peer's metric definitions are shared with the tests, so both compare against the same thing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.core.fairness.peers import PEER_METRICS  # noqa: E402

ALL_METRICS = Policy(bounds={m: Bound(difference=0.05) for m in RATE_METRICS})


def make_data(n: int, *, seed: int = 0) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    score = rng.random(n)
    sex = rng.integers(0, 2, n)
    return pl.DataFrame(
        {
            "label": (rng.random(n) < score).astype(np.int8),
            "prediction": ((score + 0.05 * sex) > 0.5).astype(np.int8),
            "score": score,
            "sex": pl.Series(np.array(["F", "M"])[sex]),
            "age_band": pl.Series(np.array(["<25", "25-49", "50+", "65+"])[rng.integers(0, 4, n)]),
            "region": pl.Series(np.array([f"R{i:02d}" for i in range(12)])[rng.integers(0, 12, n)]),
        }
    )


def fairlearn_peer(df: pl.DataFrame) -> dict[str, object]:
    from fairlearn.metrics import MetricFrame

    metrics = PEER_METRICS
    pdf = df.select("label", "prediction", "sex", "age_band").to_pandas()
    return {
        name: MetricFrame(
            metrics=metrics,
            y_true=pdf["label"],
            y_pred=pdf["prediction"],
            sensitive_features=pdf[features],
        ).by_group
        for name, features in [
            ("sex", ["sex"]),
            ("age_band", ["age_band"]),
            ("sex × age_band", ["sex", "age_band"]),
        ]
    }


def compare_with_fairlearn(n: int) -> dict[str, float]:
    df = make_data(n)
    start = time.perf_counter()
    ours = audit(
        df,
        label="label",
        prediction="prediction",
        sensitive=["sex", "age_band"],
        intersections=2,
        policy=ALL_METRICS,
    )
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    peer = fairlearn_peer(df)
    peer_s = time.perf_counter() - start
    worst = 0.0
    groups = ours.groups_unsuppressed()
    for grouping, frame in peer.items():
        features = grouping.split(" × ")
        part = groups.filter(pl.col("grouping") == grouping)
        for row in part.iter_rows(named=True):
            key = tuple(row["attributes"][f] for f in features)
            expected = frame.loc[key if len(key) > 1 else key[0]]
            for m in RATE_METRICS:
                worst = max(worst, abs(row[m] - float(expected[m])))
    return {
        "rows": n,
        "openpes_s": ours_s,
        "fairlearn_s": peer_s,
        "speedup": peer_s / ours_s,
        "max_abs_diff": worst,
    }


def _peak_rss_mb() -> float:
    """Peak resident memory of this process.

    ``ru_maxrss`` survives ``exec`` on Linux, so a child started by a big parent would
    report the parent's peak; the kernel's VmHWM belongs to this process only.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(path: str, mode: str, score: str) -> None:
    """Run one audit in a fresh process and report time and peak memory as JSON."""
    start = time.perf_counter()
    data = pl.scan_parquet(path) if mode == "streaming" else pl.read_parquet(path)
    read_s = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    result = audit(
        data,
        label="label",
        prediction="prediction",
        score=score or None,
        sensitive=["sex", "age_band", "region"],
        intersections=2,
        policy=ALL_METRICS,
    )
    audit_s = time.perf_counter() - start
    cpu_s = time.process_time() - cpu_start
    peak_mb = _peak_rss_mb()
    print(
        json.dumps(
            {
                "mode": mode,
                "score": bool(score),
                "read_s": read_s,
                "audit_s": audit_s,
                "cpu_s": cpu_s,
                "load": os.getloadavg()[0],
                "peak_mb": peak_mb,
                "groups": result.groups.height,
                "disparities": result.disparities.height,
            }
        )
    )


def scale(n: int) -> list[dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "decisions.parquet")
        make_data(n, seed=1).write_parquet(path)
        out = []
        for score in ("", "score"):
            for mode in ("in-memory", "streaming"):
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", path, mode, score],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke-test sizes")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--skip-fairlearn", action="store_true")
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    sizes = [100_000] if args.quick else [1_000_000, 5_000_000]
    if not args.skip_fairlearn:
        for n in sizes:
            r = compare_with_fairlearn(n)
            print(
                f"fairlearn  rows={r['rows']:>10,}  openpes={r['openpes_s']:.3f}s  "
                f"fairlearn={r['fairlearn_s']:.2f}s  speedup={r['speedup']:.0f}x  "
                f"max|diff|={r['max_abs_diff']:.1e}",
                flush=True,
            )
    n = 200_000 if args.quick else 10_000_000
    for r in scale(n):
        print(
            f"scale      rows={n:>10,}  mode={r['mode']:<9}  "
            f"score={'yes' if r['score'] else 'no ':<3}  "
            f"read={r['read_s']:.2f}s  "
            f"audit={r['audit_s']:.2f}s  cpu={r['cpu_s']:.2f}s  load={r['load']:.1f}  "
            f"peak={r['peak_mb']:.0f} MB  groups={r['groups']}  "
            f"disparities={r['disparities']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
