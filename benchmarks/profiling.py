"""Support-needs model on the synthetic world: training and scoring time, AUC, ECE, fairness.

Runs our EBM (the default glass box) and LightGBM (the peer) in one process on the same
temporal split of the same world, and prints the ratios. Targets (issue 6, 1M rows, 2 cores):
training <= 5 min, scoring 1M rows <= 10 s, AUC >= LightGBM's - 0.01, ECE <= 0.02; with
``BiasConfig.none()`` no band means something different for one group than another.

    .venv/bin/python benchmarks/profiling.py            # 1,000,000 job seekers
    .venv/bin/python benchmarks/profiling.py --quick    # 20,000, a smoke run
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import polars as pl

from openpes.profiling import DEMO_PROTECTED, WORLD_FEATURES, train, training_frame
from openpes.profiling._boosted import fit_boosted
from openpes.profiling._metrics import auc
from openpes.synth import BiasConfig, generate_world


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def run(n: int, *, bias: BiasConfig, seed: int, fairness_only: bool = False) -> None:
    label = "none" if bias.is_unbiased else "default"
    started = time.perf_counter()
    world = generate_world(n, 1000, 10, seed=seed, bias=bias)
    frame = training_frame(world.jobseekers, world.protected, world.outcomes)
    print(f"[{label}] world of {n:,} job seekers in {time.perf_counter() - started:.1f} s")
    del world

    wall, cpu = time.perf_counter(), _cpu()
    model = train(
        frame,
        target="not_employed_12m",
        features=list(WORLD_FEATURES),
        protected=DEMO_PROTECTED,
        time_column="registered_on",
        compare=False,
        seed=seed,
    )
    train_wall, train_cpu = time.perf_counter() - wall, _cpu() - cpu
    report = model.report
    test = report.test
    print(
        f"[{label}] EBM train (fit, calibrate, evaluate, proxies): {train_wall:.1f} s wall, "
        f"{train_cpu:.1f} s CPU; fit alone {report.fit_seconds:.1f} s"
    )
    print(f"[{label}] test AUC {test.auc:.4f}, ECE {test.ece:.4f}, Brier {test.brier:.4f}")
    print(f"[{label}] audit verdict {test.verdict}; band gaps: {len(test.band_gaps)}")
    for gap in test.band_gaps:
        print(
            f"    {gap.attribute} {gap.band}: {gap.group} observed "
            f"{gap.observed_rate:.3f} / predicted {gap.mean_predicted:.3f} (n={gap.n}) vs "
            f"{gap.group_other} {gap.observed_rate_other:.3f} / "
            f"{gap.mean_predicted_other:.3f} (n={gap.n_other})"
        )
    if fairness_only:
        return

    split = report.split.periods
    train_rows = frame.filter(pl.col("registered_on") <= pl.lit(split["train"][1]).str.to_date())
    test_rows = frame.filter(pl.col("registered_on") >= pl.lit(split["test"][0]).str.to_date())
    wall = time.perf_counter()
    peer = fit_boosted(
        train_rows.head(report.split.rows["train"]),
        train_rows.head(report.split.rows["train"])["not_employed_12m"].to_numpy(),
        model.specs,
        seed=seed,
    )
    peer_wall = time.perf_counter() - wall
    y_test = test_rows["not_employed_12m"].cast(pl.Int64).to_numpy()
    peer_auc = auc(y_test, peer.raw_score(test_rows))
    print(f"[{label}] LightGBM fit: {peer_wall:.1f} s; test AUC {peer_auc:.4f}")
    print(f"[{label}] AUC EBM - LightGBM: {test.auc - peer_auc:+.4f} (target >= -0.01)")

    features = frame.select(model.features)
    wall = time.perf_counter()
    probability = model.predict_proba(features)
    bands = model.bands_of(probability)
    score_wall = time.perf_counter() - wall
    wall = time.perf_counter()
    peer.raw_score(features)
    peer_score = time.perf_counter() - wall
    print(
        f"[{label}] score {features.height:,} rows (probability + band): {score_wall:.2f} s; "
        f"LightGBM predict {peer_score:.2f} s; ratio {peer_score / score_wall:.1f}x"
    )
    wall = time.perf_counter()
    model.explain(features)
    print(
        f"[{label}] exact explanations for {features.height:,} rows: "
        f"{time.perf_counter() - wall:.2f} s"
    )
    assert bands.len() == features.height and np.isfinite(probability).all()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="20,000 job seekers instead of 1,000,000"
    )
    parser.add_argument("--rows", type=int, default=None, help="number of job seekers")
    args = parser.parse_args()
    n = args.rows or (20_000 if args.quick else 1_000_000)
    print(f"load average at start: {os.getloadavg()}")
    run(n, bias=BiasConfig(), seed=1)
    run(min(n, 200_000), bias=BiasConfig.none(), seed=1, fairness_only=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
