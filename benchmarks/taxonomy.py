"""Benchmark ``openpes.taxonomy``: bundle load, label search, skill extraction.

Each part runs our code and a plain peer on the same data in one process and prints
the ratio:

- load: ``Taxonomy.load()`` (Parquet bundle) vs pandas reading the same tables from the
  official CSV layout (what an app without the bundle would do);
- search: ``Taxonomy.search`` vs rapidfuzz ``process.extractOne`` with ``WRatio`` over
  every label, on speed and on top-1 accuracy for alternative labels with a typo;
- extraction: ``Taxonomy.extract_skills`` vs a case-insensitive substring search for
  every preferred label, on precision and recall over vacancy texts written from the
  synthetic world's vacancies (``openpes.synth``): each listed skill appears in the text
  through its preferred label, an alternative label or an inflected form, between
  filler sentences; the ground truth is the set of skills written in.

Usage: ``.venv/bin/python benchmarks/taxonomy.py [--quick]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

FILLER = [
    "We are a growing company in the region.",
    "The position is full time with a permanent contract.",
    "Send your application before the end of the month.",
    "You will join a friendly team of twelve colleagues.",
    "We offer a competitive salary and training opportunities.",
    "Working hours are Monday to Friday.",
]
TEMPLATES = [
    "You {label}.",
    "Essential: {label}.",
    "The candidate is able to {label}.",
    "Knowledge of {label} is expected.",
    "- {label}",
]


def _gerund(label: str) -> str:
    """'operate forklift' -> 'operating forklift': the form CVs often use."""
    verb, _, rest = label.partition(" ")
    if not rest or not verb.isalpha() or len(verb) < 4:
        return label
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f"{verb}ing {rest}"


def load_benchmark(rounds: int) -> None:
    import pandas as pd

    from openpes.taxonomy import Taxonomy

    # A fresh interpreter each round, so nothing is cached; importing Polars is
    # timed apart from reading the bundle.
    probe = (
        "import time; t0 = time.perf_counter(); import polars; t1 = time.perf_counter(); "
        "from openpes.taxonomy import Taxonomy; Taxonomy.load(); t2 = time.perf_counter(); "
        "print(t1 - t0, t2 - t1)"
    )
    imports, loads = [], []
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        first, second = done.stdout.split()
        imports.append(float(first))
        loads.append(float(second))
    ours = statistics.median(loads)
    with tempfile.TemporaryDirectory() as folder:
        Taxonomy.load().to_esco_csv(folder)
        started = time.perf_counter()
        for path in Path(folder).glob("*.csv"):
            pd.read_csv(path, dtype=str)
        peer = time.perf_counter() - started
    print(
        f"load: Taxonomy.load() in a fresh process {ours * 1000:.0f} ms (median of {rounds}; "
        f"max {max(loads) * 1000:.0f} ms), "
        f"after importing Polars in {statistics.median(imports) * 1000:.0f} ms"
    )
    print(
        f"      pandas.read_csv of the same tables    {peer * 1000:.0f} ms  "
        f"-> ratio {peer / ours:.1f}x"
    )


def lookup_benchmark(n_occupations: int) -> None:
    from openpes.taxonomy import Taxonomy

    tax = Taxonomy.load()
    uris = tax.occupations["uri"].head(n_occupations).to_list()
    started = time.perf_counter()
    tax.skills_of(uris[0])
    build = time.perf_counter() - started
    started = time.perf_counter()
    ours = [tax.skills_of(u, relation="essential") for u in uris]
    ours_s = (time.perf_counter() - started) / len(uris)
    rel = tax.occupation_skills
    started = time.perf_counter()
    peer = [
        rel.filter((pl.col("occupation_uri") == u) & (pl.col("relation") == "essential"))[
            "skill_uri"
        ].to_list()
        for u in uris
    ]
    peer_s = (time.perf_counter() - started) / len(uris)
    assert [sorted(a) for a in ours] == [sorted(b) for b in peer]
    print(
        f"lookup: skills_of {ours_s * 1e6:.2f} us per call (index built once in "
        f"{build * 1000:.0f} ms); Polars filter {peer_s * 1e6:.0f} us "
        f"-> ratio {peer_s / ours_s:.0f}x"
    )


def search_benchmark(n_queries: int, seed: int) -> None:
    from rapidfuzz import fuzz, process

    from openpes.taxonomy import Taxonomy
    from openpes.taxonomy._text import normalise_label

    tax = Taxonomy.load()
    tax.search("warm up")  # build the index outside the timing
    rng = random.Random(seed)
    occ = tax.occupations.filter(pl.col("alt_labels").list.len() > 0)
    rows = occ.sample(n_queries, seed=seed).select("uri", "alt_labels").rows()
    queries: list[tuple[str, str]] = []
    for uri, alts in rows:
        label = rng.choice(alts)
        if len(label) > 5:  # one typo: drop a character
            i = rng.randrange(1, len(label) - 1)
            label = label[:i] + label[i + 1 :]
        queries.append((label, uri))
    fixed = ["welder", "nurse", "forklift driver", "électricien", "software developer"]

    # Peer: the obvious rapidfuzz one-liner over every folded label.
    labels = tax.occupations.select("uri", all=pl.concat_list("label", "alt_labels")).explode("all")
    peer_norm = [normalise_label(t) for t in labels["all"].to_list()]
    peer_uri = labels["uri"].to_list()

    def peer(query: str) -> str:
        _, _, index = process.extractOne(
            normalise_label(query), peer_norm, scorer=fuzz.WRatio, processor=None
        )
        return str(peer_uri[index])

    ours_ms, peer_ms, ours_ok, peer_ok = [], [], 0, 0
    for query, uri in queries:
        t = time.perf_counter()
        ours_ok += tax.search(query, limit=10)[0].uri == uri
        ours_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        peer_ok += peer(query) == uri
        peer_ms.append((time.perf_counter() - t) * 1000)
    skill_ms = []
    for label in tax.skills["label"].sample(min(n_queries, 200), seed=seed).to_list():
        t = time.perf_counter()
        tax.search(label, kind="skill")
        skill_ms.append((time.perf_counter() - t) * 1000)
    p95 = statistics.quantiles(ours_ms, n=20)[-1]
    print(
        f"search: occupations, {len(queries)} alt-label queries with one typo: "
        f"median {statistics.median(ours_ms):.1f} ms, p95 {p95:.1f} ms, max {max(ours_ms):.1f} ms; "
        f"top-1 correct {ours_ok / len(queries):.1%}"
    )
    print(
        f"        rapidfuzz extractOne(WRatio): median {statistics.median(peer_ms):.1f} ms; "
        f"top-1 correct {peer_ok / len(queries):.1%}  -> speed ratio "
        f"{statistics.median(peer_ms) / statistics.median(ours_ms):.1f}x"
    )
    print(
        f"        skills, {len(skill_ms)} label queries: "
        f"median {statistics.median(skill_ms):.1f} ms"
    )
    for query in fixed:
        print(f"        {query!r:>22} -> {tax.search(query)[0].label!r}")


def _vacancy_texts(n_vacancies: int, seed: int) -> list[tuple[str, set[str]]]:
    from openpes.synth import generate_world
    from openpes.taxonomy import Taxonomy

    tax = Taxonomy.load()
    alts = dict(zip(tax.skills["uri"].to_list(), tax.skills["alt_labels"].to_list(), strict=True))
    world = generate_world(10, n_vacancies, 1, seed=seed)
    rng = random.Random(seed)
    docs = []
    for occupation, essential, optional in world.vacancies.select(
        "occupation_uri", "essential_skills", "optional_skills"
    ).iter_rows():
        truth: set[str] = set()
        parts = [f"We are hiring: {tax.label(occupation)}.", rng.choice(FILLER)]
        for skill in [*essential, *optional]:
            label = tax.label(skill)
            roll = rng.random()
            if roll < 0.25 and alts[skill]:
                label = rng.choice(alts[skill])
            elif roll < 0.45:
                label = _gerund(label)
            parts.append(rng.choice(TEMPLATES).format(label=label))
            if rng.random() < 0.3:
                parts.append(rng.choice(FILLER))
            truth.add(skill)
        docs.append(("\n".join(parts), truth))
    return docs


def extraction_benchmark(n_vacancies: int, seed: int) -> None:
    from openpes.taxonomy import Taxonomy
    from openpes.taxonomy._text import normalise_label

    tax = Taxonomy.load()
    tax.extract_skills("warm up")
    docs = _vacancy_texts(n_vacancies, seed)

    def score(predict) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
        tp = fp = fn = 0
        started = time.perf_counter()
        for text, truth in docs:
            found = predict(text)
            tp += len(found & truth)
            fp += len(found - truth)
            fn += len(truth - found)
        elapsed = time.perf_counter() - started
        return tp / max(tp + fp, 1), tp / max(tp + fn, 1), elapsed

    # Peer: look for every preferred label as a substring of the folded text.
    pref = [
        (f" {normalise_label(lab)} ", uri) for lab, uri in tax.skills.select("label", "uri").rows()
    ]

    def substring(text: str) -> set[str]:
        folded = f" {normalise_label(text)} "
        return {uri for lab, uri in pref if lab in folded}

    ours = score(lambda text: {h.uri for h in tax.extract_skills(text)})
    peer = score(substring)
    words = sum(len(t.split()) for t, _ in docs)
    skills = sum(len(s) for _, s in docs)
    print(
        f"extraction: {len(docs)} synthetic vacancy texts, {words:,} words, "
        f"{skills:,} skills written in"
    )
    print(
        f"        extract_skills: precision {ours[0]:.3f}, recall {ours[1]:.3f}, "
        f"{ours[2] / len(docs) * 1000:.2f} ms per text"
    )
    print(
        f"        substring of preferred labels: precision {peer[0]:.3f}, recall {peer[1]:.3f}, "
        f"{peer[2] / len(docs) * 1000:.2f} ms per text  -> speed ratio {peer[2] / ours[2]:.0f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke-test sizes")
    args = parser.parse_args()
    rounds, queries, vacancies = (1, 30, 20) if args.quick else (5, 300, 500)
    load_benchmark(rounds)
    lookup_benchmark(100 if args.quick else 1000)
    search_benchmark(queries, seed=7)
    extraction_benchmark(vacancies, seed=7)


if __name__ == "__main__":
    main()
