"""Matching benchmark: openpes.matching against scikit-learn, Jaccard and TF-IDF cosine.

Run:  .venv/bin/python benchmarks/matching.py [--quick] [--skip-batch] [--spark]

1. Interactive: one job seeker against V vacancies with a warm index, p50/p95 over 200
   different people.
2. Batch: N job seekers × V vacancies, top 10, the whole pipeline (candidates, exact
   re-scoring, explanations), in a fresh child process for an honest peak memory.
3. Skill-similarity engine: the chunked sparse top-k (sparse_dot_topn, both cores) against
   scikit-learn ``NearestNeighbors(metric="cosine", algorithm="brute")`` on the same
   L2-normalised skill vectors; same top 10 checked, both timed on a sample and the ratio
   printed (also extrapolated to N job seekers).
4. Quality on the synthetic world: the true (most recent) past occupation is hidden, 30% of
   each person's skills dropped and 10% noise skills added. Every method ranks the same
   feasible vacancies (open, in reach, passing the hard constraints); recall@10 and MRR of
   vacancies in the true ISCO-08 unit group, for ours, Jaccard overlap and TF-IDF cosine
   (and ours without distance decay, and without the occupation estimate from skills).
5. Parity: equally qualified job seekers (same skills and occupations, everyone else's
   circumstances), median salary and score of the suggestions by sex, age band and origin.
6. With --spark: the Spark engine on 50,000 job seekers, compared with the local run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time

import numpy as np
import polars as pl
import scipy.sparse as sp

from openpes.matching import MatchIndex, MatchWeights, equally_qualified, parity_report
from openpes.synth import generate_world
from openpes.taxonomy import Taxonomy

SEED = 2026


def _batch_child(n: int, v: int, chunk: int) -> None:
    """Runs in a fresh process: generate, build, match; prints JSON figures."""
    t0 = time.perf_counter()
    world = generate_world(n, v, 10, seed=SEED)
    generated = time.perf_counter() - t0
    taxonomy = Taxonomy.load()
    t0 = time.perf_counter()
    index = MatchIndex.build(world.vacancies, taxonomy=taxonomy)
    built = time.perf_counter() - t0
    as_of = world.vacancies["closes_on"].min()
    people = world.jobseekers
    del world
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    t0 = time.perf_counter()
    rows = 0
    for part in index.iter_match(people, k=10, as_of=as_of, chunk_size=chunk):
        rows += part.suggestions.height
    matched = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(
        json.dumps(
            {
                "generate_s": generated,
                "build_s": built,
                "match_s": matched,
                "rows": rows,
                "peak_gb": peak,
                "peak_before_match_gb": before,
            }
        )
    )


def batch(n: int, v: int, chunk: int) -> dict[str, float]:
    code = f"import benchmarks.matching as m; m._batch_child({n}, {v}, {chunk})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"batch {n:,} × {v:,}: match {figures['match_s']:.1f} s "
        f"({n / figures['match_s']:,.0f} people/s), "
        f"build {figures['build_s']:.1f} s, generate {figures['generate_s']:.1f} s, "
        f"{figures['rows']:,} rows, peak {figures['peak_gb']:.2f} GB "
        f"({figures['peak_before_match_gb']:.2f} GB before matching)"
    )
    return figures


def interactive(index: MatchIndex, people: pl.DataFrame, as_of: dt.date) -> None:
    index.suggest(people[0], k=10, as_of=as_of)  # warm: caches this person's area
    for i in range(200):  # warm every area the timed people need, as a long-running server does
        index.suggest(people[i], k=10, as_of=as_of)
    times = []
    for i in range(200):
        t0 = time.perf_counter()
        index.suggest(people[i], k=10, as_of=as_of)
        times.append((time.perf_counter() - t0) * 1000)
    cold = []
    for i in range(200, 230):
        index.areas.clear()
        t0 = time.perf_counter()
        index.suggest(people[i], k=10, as_of=as_of)
        cold.append((time.perf_counter() - t0) * 1000)
    print(
        f"interactive, {len(index):,} vacancies: p50 {np.percentile(times, 50):.1f} ms, "
        f"p95 {np.percentile(times, 95):.1f} ms, max {max(times):.1f} ms "
        f"(area not cached yet: p50 {np.percentile(cold, 50):.1f} ms)"
    )


def _normalised(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.csr_matrix(
        sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ matrix
    )


def engine_vs_sklearn(index: MatchIndex, people: pl.DataFrame, scale_to: int) -> None:
    from sklearn.neighbors import NearestNeighbors
    from sparse_dot_topn import sp_matmul_topn

    held = index.parts.skills.held(people["skills"])
    x = _normalised(sp.csr_matrix(held @ sp.diags(index.parts.idf)))
    vac = _normalised(sp.csr_matrix(index.parts.essential_share + index.parts.optional_share))
    t0 = time.perf_counter()
    parts = []
    for start in range(0, x.shape[0], 5000):
        parts.append(
            sp_matmul_topn(x[start : start + 5000], vac.T.tocsr(), top_n=10, sort=True, n_threads=2)
        )
    ours_s = time.perf_counter() - t0
    ours = sp.vstack(parts).tocsr()
    t0 = time.perf_counter()
    nn = NearestNeighbors(n_neighbors=10, metric="cosine", algorithm="brute", n_jobs=2).fit(vac)
    dist, idx = nn.kneighbors(x)
    peer_s = time.perf_counter() - t0
    same = 0
    comparable = 0
    for r in range(x.shape[0]):
        row = ours.indices[ours.indptr[r] : ours.indptr[r + 1]]
        vals = ours.data[ours.indptr[r] : ours.indptr[r + 1]]
        if len(row) < 10:
            # Fewer than 10 vacancies share a skill: the peer pads with zero-similarity ties.
            continue
        comparable += 1
        # Compare similarities, so that exact ties at the 10th place cannot count as a miss.
        same += np.allclose(np.sort(vals)[::-1], np.sort(1 - dist[r])[::-1], atol=1e-9)
    n = x.shape[0]
    print(
        f"skill similarity top 10, {n:,} × {vac.shape[0]:,}: ours {ours_s:.2f} s, "
        f"scikit-learn brute cosine {peer_s:.2f} s, ratio {peer_s / ours_s:.1f}x; "
        f"same top-10 similarities for {same}/{comparable} people; "
        f"extrapolated to {scale_to:,}: ours {ours_s * scale_to / n / 60:.1f} min, "
        f"peer {peer_s * scale_to / n / 60:.1f} min"
    )


def degraded(world_people: pl.DataFrame, vocabulary: list[str], seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    skills = []
    for held in world_people["skills"].to_list():
        keep = [s for s in held if rng.random() >= 0.3]
        noise = list(rng.choice(vocabulary, size=max(1, round(0.1 * len(held))), replace=False))
        skills.append(keep + noise)
    empty = pl.lit([], dtype=pl.List(pl.String))
    return world_people.with_columns(
        skills=pl.Series(skills, dtype=pl.List(pl.String)),
        past_occupations=empty,
        experience_years=pl.lit([], dtype=pl.List(pl.Float64)),
        preferred_occupations=empty,
    )


def quality(n: int, v: int, taxonomy: Taxonomy) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    world = generate_world(n, v, 10, seed=SEED + 1)
    people = world.jobseekers.filter(pl.col("past_occupations").list.len() > 0)
    truth = (
        people["past_occupations"]
        .list.last()
        .replace_strict(dict(taxonomy.occupations.select("uri", "isco_group").iter_rows()))
    )
    noisy = degraded(people, taxonomy.skills["uri"].to_list(), SEED)
    exact = MatchIndex.build(world.vacancies, taxonomy=taxonomy, weights=MatchWeights(candidates=v))
    as_of = world.vacancies["closes_on"].min()
    # Ours, ranking every feasible vacancy with at least one skill in common.
    ours = exact.suggest(noisy, k=v, as_of=as_of)
    # The same score without distance decay: what the skills alone say.
    skills_only = MatchIndex.build(
        world.vacancies, taxonomy=taxonomy, weights=MatchWeights(candidates=v, distance=0.0)
    ).suggest(noisy, k=v, as_of=as_of)
    # The same score without the occupation estimate from skills (F = 0 for everyone here).
    no_estimate = MatchIndex.build(
        world.vacancies,
        taxonomy=taxonomy,
        weights=MatchWeights(candidates=v, estimate_occupation=False),
    ).suggest(noisy, k=v, as_of=as_of)
    skills_rank, estimate_rank = (
        {
            pid: {vid: i for i, vid in enumerate(vids)}
            for pid, vids in frame.group_by("jobseeker_id").agg("vacancy_id").iter_rows()
        }
        for frame in (skills_only, no_estimate)
    )
    vac = world.vacancies
    vac_group = dict(zip(vac["vacancy_id"], vac["isco_group"], strict=True))
    # The same feasible sets for the baselines: what ours ranked (the hard constraints and reach
    # are not part of any similarity measure).
    feasible = ours.group_by("jobseeker_id", maintain_order=True).agg("vacancy_id")
    vacancy_row = {vid: i for i, vid in enumerate(vac["vacancy_id"])}
    vac_sets = [
        set(e) | set(o)
        for e, o in zip(vac["essential_skills"], vac["optional_skills"], strict=True)
    ]
    tfidf = TfidfVectorizer(analyzer=lambda skills: skills, sublinear_tf=False)
    vac_matrix = tfidf.fit_transform([sorted(s) for s in vac_sets])
    person_row = {pid: i for i, pid in enumerate(noisy["jobseeker_id"])}
    person_matrix = tfidf.transform(noisy["skills"].to_list())
    truth_of = dict(zip(noisy["jobseeker_id"], truth, strict=True))
    results: dict[str, list[tuple[float, float]]] = {
        "ours": [],
        "ours, no distance": [],
        "ours, no estimate": [],
        "jaccard": [],
        "tfidf cosine": [],
    }
    for pid, candidates in feasible.iter_rows():
        group = truth_of[pid]
        relevant = [vac_group[c] == group for c in candidates]
        if not any(relevant):
            continue
        held = set(noisy["skills"][person_row[pid]])
        cols = np.array([vacancy_row[c] for c in candidates])
        jac = np.array([len(held & vac_sets[c]) / len(held | vac_sets[c]) for c in cols])
        cos = (person_matrix[person_row[pid]] @ vac_matrix[cols].T).toarray().ravel()
        orders = {
            "ours": np.arange(len(candidates)),  # already ranked, ties by vacancy id
            "ours, no distance": np.argsort([skills_rank[pid][c] for c in candidates]),
            "ours, no estimate": np.argsort([estimate_rank[pid][c] for c in candidates]),
            "jaccard": np.lexsort((cols, -jac)),
            "tfidf cosine": np.lexsort((cols, -cos)),
        }
        rel = np.array(relevant)
        for name, order in orders.items():
            ranked = rel[order]
            recall = ranked[:10].sum() / min(10, rel.sum())
            mrr = 1.0 / (np.argmax(ranked) + 1)
            results[name].append((recall, mrr))
    print(
        f"quality, {len(results['ours']):,} job seekers with a relevant feasible vacancy "
        f"({n:,} × {v:,}):"
    )
    for name, values in results.items():
        arr = np.array(values)
        print(f"  {name:<18} recall@10 {arr[:, 0].mean():.3f}   MRR {arr[:, 1].mean():.3f}")


def parity(
    index: MatchIndex,
    world_people: pl.DataFrame,
    protected: pl.DataFrame,
    as_of: dt.date,
    people: int,
) -> None:
    eq = equally_qualified(world_people, profiles=20, people=people, seed=SEED)
    suggestions = index.suggest(eq, k=10, as_of=as_of)
    report = parity_report(suggestions, eq, protected)
    with pl.Config(
        tbl_rows=20,
        tbl_cols=20,
        tbl_width_chars=200,
        float_precision=3,
        tbl_hide_dataframe_shape=True,
    ):
        print(
            f"parity, {eq.height:,} equally qualified job seekers "
            f"(20 profiles × {people:,} people):"
        )
        print(report)


def spark_equivalence(index: MatchIndex, people: pl.DataFrame, as_of: dt.date) -> None:
    import os

    from pyspark.sql import SparkSession

    from openpes.matching import suggest_spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t0 = time.perf_counter()
    local = index.suggest(people, k=10, as_of=as_of)
    local_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    distributed = suggest_spark(index, people, k=10, as_of=as_of, spark=spark, partitions=4)
    spark_s = time.perf_counter() - t0
    spark.stop()
    print(
        f"spark, {people.height:,} job seekers: local {local_s:.1f} s, spark {spark_s:.1f} s, "
        f"{local.height:,} rows, identical: {distributed.equals(local)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small smoke sizes")
    parser.add_argument("--skip-batch", action="store_true", help="skip the national batch run")
    parser.add_argument("--spark", action="store_true", help="also run the Spark equivalence")
    parser.add_argument("--batch-size", type=int, default=None, help="job seekers in the batch run")
    args = parser.parse_args()
    n_batch, v = (20_000, 10_000) if args.quick else (1_000_000, 100_000)
    n_batch = args.batch_size or n_batch
    taxonomy = Taxonomy.load()

    world = generate_world(5_000 if args.quick else 50_000, v, 10, seed=SEED)
    index = MatchIndex.build(world.vacancies, taxonomy=taxonomy)
    as_of = world.vacancies["closes_on"].min()
    assert isinstance(as_of, dt.date)
    interactive(index, world.jobseekers, as_of)
    engine_vs_sklearn(index, world.jobseekers.head(2_000 if args.quick else 10_000), n_batch)
    quality(2_000 if args.quick else 10_000, 3_000 if args.quick else 20_000, taxonomy)
    parity(index, world.jobseekers, world.protected, as_of, 200 if args.quick else 1_000)
    if args.spark:
        spark_equivalence(index, world.jobseekers.head(5_000 if args.quick else 50_000), as_of)
    if not args.skip_batch:
        batch(n_batch, v, 20_000)


if __name__ == "__main__":
    main()
