"""Readiness benchmark: openpes.readiness scoring and benchmarking against a pandas version.

Run:  .venv/bin/python benchmarks/readiness.py [--quick]

There is no established library for readiness scoring, so the peer is the straightforward
pandas computation of the same numbers (long table of answers, groupby question, weighted
means per dimension), the one tests/core/readiness/test_scoring.py uses as an independent
check. The script checks both give the same scores, then prints both times and the ratio.

1. Scoring: N assessments of 6 respondents each (27 questions, 10% "don't know").
2. Peer benchmark: quartiles of 9 dimensions over M shared results vs pandas ``quantile``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from openpes import readiness as core

FW = core.load_framework()
QUESTIONS = [q.id for q in FW.questions]
GROUPS = [g.id for g in FW.respondent_groups]


def make_assessments(n: int, seed: int = 0) -> list[core.Assessment]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        levels = rng.integers(0, 5, size=(6, len(QUESTIONS)))
        unknown = rng.random(levels.shape) < 0.1
        respondents = tuple(
            core.Respondent(
                f"r{i}",
                GROUPS[i % len(GROUPS)],
                {
                    q: (None if unknown[i, j] else int(levels[i, j]))
                    for j, q in enumerate(QUESTIONS)
                },
            )
            for i in range(6)
        )
        out.append(core.Assessment(f"PES {k} (fictional)", respondents))
    return out


def pandas_scores(assessments: list[core.Assessment]) -> pd.DataFrame:
    rows = [
        (k, q, v)
        for k, a in enumerate(assessments)
        for r in a.respondents
        for q, v in r.answers.items()
    ]
    long = pd.DataFrame(rows, columns=["org", "question", "level"])
    long["level"] = long["level"].astype(float)
    per_q = long.groupby(["org", "question"])["level"].agg(
        point="mean",
        low=lambda s: s.fillna(0).mean(),
        high=lambda s: s.fillna(4).mean(),
    )
    meta = pd.DataFrame(
        [(q.id, q.dimension_id, q.weight) for q in FW.questions],
        columns=["question", "dimension", "weight"],
    ).set_index("question")
    per_q = per_q.join(meta, on="question").fillna({"point": 0.0})
    weighted = per_q[["point", "low", "high"]].mul(per_q["weight"], axis=0)
    weighted["weight"] = per_q["weight"]
    weighted["dimension"] = per_q["dimension"]
    sums = weighted.groupby(["org", "dimension"]).sum()
    return sums[["point", "low", "high"]].div(sums["weight"], axis=0) * 25


def timed(fn, *args, repeat: int = 3):
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small smoke size")
    args = parser.parse_args()
    n, m = (50, 1_000) if args.quick else (1_000, 100_000)

    assessments = make_assessments(n)
    ours_t, results = timed(lambda a: [core.score(x, framework=FW) for x in a], assessments)
    peer_t, frame = timed(pandas_scores, assessments)
    diff = max(
        abs(frame.loc[(k, d.dimension_id), "point"] - d.score)
        for k, r in enumerate(results)
        for d in r.dimensions
    )
    print(
        f"scoring {n} assessments x 6 respondents: ours {ours_t * 1e3:.0f} ms "
        f"({ours_t / n * 1e3:.2f} ms each, incl. gates, risk, voices and disagreements); "
        f"pandas {peer_t * 1e3:.0f} ms (dimension scores only); ratio {peer_t / ours_t:.2f}x; "
        f"max difference {diff:.2e}"
    )

    rng = np.random.default_rng(1)
    dims = [d.id for d in FW.dimensions]
    values = rng.uniform(0, 100, size=(m, len(dims)))
    shared = [
        core.SharedResult(FW.id, FW.version, dict(zip(dims, row, strict=True)), float(row.mean()))
        for row in values
    ]
    own = results[0]
    ours_b, bench = timed(lambda s: core.benchmark(own, s), shared)
    peer_b, quart = timed(
        lambda v: pd.DataFrame(v, columns=dims).quantile([0.25, 0.5, 0.75]), values
    )
    diff_b = max(
        abs(d.quartiles.median - quart.loc[0.5, d.dimension_id]) for d in bench.dimensions[1:]
    )
    print(
        f"benchmark quartiles over {m:,} shared results: ours {ours_b * 1e3:.0f} ms "
        f"(incl. building the matrix from dataclasses); pandas quantile on a ready array "
        f"{peer_b * 1e3:.0f} ms; ratio {peer_b / ours_b:.2f}x; max difference {diff_b:.2e}"
    )


if __name__ == "__main__":
    main()
