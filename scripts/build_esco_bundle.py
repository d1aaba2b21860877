"""Build the compact ESCO bundle shipped in ``src/openpes/taxonomy/data``.

Reads the official-layout ESCO v1.2.0 English CSVs in ``../shared/data/esco-1.2.0``
(see that folder's README), normalises them with the same importer users run
(:meth:`openpes.taxonomy.Taxonomy.from_esco_csv`) and writes zstd Parquet files plus a
manifest. Build time is the only time ``../shared`` is read.

The shared ``skills_en.csv`` was rebuilt and lacks descriptions for skills outside the
collections; ``skills_text_en.csv`` holds label, alternative labels and description run
together. The description is recovered from it where the split is recognisable; its
accuracy on skills whose description is known is printed.

Usage::

    .venv/bin/python scripts/build_esco_bundle.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from pathlib import Path

import polars as pl

from openpes.taxonomy._bundle import write_bundle
from openpes.taxonomy._esco_csv import EscoFrames, read_esco_csv

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "esco-1.2.0"
DEFAULT_OUT = REPO / "src" / "openpes" / "taxonomy" / "data"
MAX_BYTES = 10 * 1024 * 1024

# A capitalised word followed by a lower-case word: how an ESCO description starts
# ("Place stone blocks ..."), unlike the lower-case alternative labels before it.
_SENTENCE_START = re.compile(r"(?:^|(?<= ))([A-Z][a-z]*),? [a-z(\"]")


def split_description(label: str, text: str) -> str | None:
    """Recover the description from ``label + alt labels + description`` run together."""
    text = text.strip()
    if not text.startswith(label):
        return None
    rest = text[len(label) :].strip()
    seen = set(label.split())
    for match in _SENTENCE_START.finditer(rest):
        word = match.group(1)
        # A capitalised word that repeats a label word is a proper noun inside an
        # alternative label ("write Hungarian ... Hungarian"), not a sentence start.
        if word in seen or word in rest[: match.start()].split():
            continue
        return rest[match.start() :].strip()
    return None


def add_descriptions(frames: EscoFrames, text_file: Path) -> EscoFrames:
    """Fill missing skill descriptions from ``skills_text_en.csv``; print the accuracy."""
    text = pl.read_csv(text_file, infer_schema=False).rename({"conceptUri": "uri"})
    joined = frames.skills.join(text, on="uri", how="left")
    labels = joined["label"].to_list()
    blobs = joined["labelsAndDescription"].to_list()
    known = joined["description"].to_list()
    recovered = [
        split_description(lab, blob) if blob is not None else None
        for lab, blob in zip(labels, blobs, strict=True)
    ]
    checked = [(r, k) for r, k in zip(recovered, known, strict=True) if k is not None]
    exact = sum(r is not None and " ".join(r.split()) == " ".join(k.split()) for r, k in checked)
    print(f"description split: {exact}/{len(checked)} exact on skills with a known description")
    filled = [k if k is not None else r for r, k in zip(recovered, known, strict=True)]
    skills = frames.skills.with_columns(description=pl.Series(filled, dtype=pl.String()))
    print(f"descriptions: {skills['description'].is_not_null().sum()}/{skills.height} skills")
    return dataclasses.replace(frames, skills=skills)


def sort_for_compression(frames: EscoFrames) -> EscoFrames:
    """Sort every table by its keys: runs of equal URIs compress far better."""
    keys = {
        "occupations": ["uri"],
        "skills": ["uri"],
        "occupation_skills": ["occupation_uri", "relation", "skill_uri"],
        "skill_relations": ["skill_uri", "related_uri"],
        "isco_groups": ["code"],
        "skill_groups": ["uri"],
        "broader_relations": ["kind", "uri", "broader_uri"],
        "collections": ["collection", "skill_uri"],
    }
    return EscoFrames(**{name: getattr(frames, name).sort(cols) for name, cols in keys.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    frames = read_esco_csv(args.source, language="en")
    text_file = args.source / "skills_text_en.csv"
    if text_file.is_file():
        frames = add_descriptions(frames, text_file)
    frames = sort_for_compression(frames)
    manifest = write_bundle(
        frames,
        args.out,
        version="1.2.0",
        language="en",
        source="ESCO v1.2.0 English CSV (https://esco.ec.europa.eu), "
        "built by scripts/build_esco_bundle.py",
    )
    total = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    for name, info in manifest["tables"].items():
        size = (args.out / f"{name}.parquet").stat().st_size
        print(f"{name:<20} {info['rows']:>8} rows {size / 1024:>9.1f} KiB")
    print(
        f"total {total / 1024 / 1024:.2f} MiB "
        f"in {time.perf_counter() - started:.1f} s -> {args.out}"
    )
    if total > MAX_BYTES:
        print(f"error: bundle is larger than {MAX_BYTES} bytes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
