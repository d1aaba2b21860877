"""Description vectors: the second dense signal of skill retrieval.

A second set of vectors holds each skill's *description*: the first sentence of ESCO's
description (at most 200 characters) as an e5 ``passage:``. It is a signal of its own
in retrieval, beside the label vectors, not mixed into them: a skill without a
description vector (ESCO has none for it, or an imported ESCO whose descriptions have
not been embedded yet) is then scored with its label similarity instead, and is not
handicapped against description-rich skills. Both vector sets would not fit the 10 MB
bundle at int8, so the shipped description vectors keep all 384 dimensions at
:data:`DESCRIPTION_BITS` bits each, on levels fitted per dimension on the bundle's own
description vectors, never on the benchmark's gold (:class:`DescriptionVectors`).
(Projecting them to 128 principal components instead lost far more on the dev
sentences.)
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from openpes.files import atomic_path
from openpes.taxonomy._dense import (
    MODEL_NAME,
    Encoder,
    documents_sha256,
    embed_into_cache,
    file_sha256,
    read_verified,
    var_dir,
)

__all__ = [
    "DESCRIPTION_BITS",
    "DescriptionPlan",
    "DescriptionVectors",
    "complete_description_vectors",
    "description_documents",
    "description_sha256",
    "load_description_vectors",
    "plan_description_vectors",
    "shipped_form",
    "write_description_vectors",
]

_DESCRIPTION_RECIPE = "first sentence of the description, <= 200 chars, as passage"
_DESCRIPTION_CHARS = 200
_DESCRIPTION_BATCH = 64
# Bits per dimension in the bundle: 3 bits x 384 dimensions x 13,864 skills take 2.0 MB,
# which fits beside the label vectors within the bundle's 10 MB (int8 would take 5.3 MB,
# 4 bits 2.7 MB; both too much). Levels span each dimension's mean +- 2.5 sd.
DESCRIPTION_BITS = 3
_CLIP = 2.5
# A sentence ends at . ! ? or ; followed by a space and a capital (not "e.g. the").
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'(])")


def description_documents(descriptions: list[str | None]) -> list[str | None]:
    """The text embedded for each skill's description; ``None`` where it has none.

    The first sentence (most ESCO descriptions say what the skill is in one), cut at a
    word boundary to at most 200 characters: the encoder's cost grows with tokens,
    and later sentences are mostly examples.
    """
    out: list[str | None] = []
    for text in descriptions:
        text = " ".join((text or "").split())
        if not text:
            out.append(None)
            continue
        first = _SENTENCE_END.split(text, maxsplit=1)[0]
        if len(first) > _DESCRIPTION_CHARS:
            cut = first[:_DESCRIPTION_CHARS]
            space = cut.rfind(" ")
            first = cut[:space] if space > _DESCRIPTION_CHARS // 2 else cut
        out.append(first)
    return out


def _description_model(encoder_name: str) -> str:
    return f"{encoder_name} | descriptions: {_DESCRIPTION_RECIPE}"


def description_sha256(docs: list[str | None], encoder_name: str, form: object = "") -> str:
    """Hash of the description documents (a skill without one counts as a marker),
    the model, the recipe and the stored ``form`` (the projection)."""
    digest = hashlib.sha256(f"{_description_model(encoder_name)} | {form}".encode())
    for doc in docs:
        digest.update(b"\x00" + (b"\x01" if doc is None else doc.encode("utf-8")))
    return digest.hexdigest()


def shipped_form(bits: int = DESCRIPTION_BITS) -> str:
    return f"{bits}-bit per dimension, uniform levels within mean +- {_CLIP} sd"


@dataclass(frozen=True, slots=True)
class DescriptionVectors:
    """One description vector per skill (float32 rows, as stored: quantised).

    ``present`` is False for a skill with no description vector: retrieval scores it
    with its label similarity instead (:meth:`stand_ins`). ``levels`` (the per-dimension
    mean and step of the stored form, or None for full vectors) lets a label vector be
    put in the same form, so both are measured alike.
    """

    rows: np.ndarray
    present: np.ndarray
    levels: np.ndarray | None = None
    bits: int = DESCRIPTION_BITS

    def cosines(self, query: np.ndarray) -> np.ndarray:
        """Each row's cosine with the unit vector ``query`` (absent rows: meaningless)."""
        return self.rows @ np.asarray(query, dtype=np.float32)

    def quantised(self, vectors: np.ndarray) -> np.ndarray:
        """Full vectors (one per row) in this set's stored form."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if self.levels is None:
            return vectors
        return _dequantise(_quantise(vectors, self.levels, self.bits), self.levels, self.bits)

    def stand_ins(self, label_vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The absent rows, and their skills' label vectors in this set's stored form.

        A skill without a description is scored with its label similarity, measured
        through the same quantisation as every description vector, so neither side is
        favoured by its rounding.
        """
        absent = np.flatnonzero(~self.present)
        return absent, self.quantised(np.asarray(label_vectors)[absent])

    def without(self, rows: list[int] | np.ndarray) -> DescriptionVectors:
        """The same vectors with those skills' descriptions unseen (held out)."""
        present = self.present.copy()
        present[np.asarray(rows, dtype=np.int64)] = False
        return replace(self, present=present)


def _quantise(vectors: np.ndarray, levels: np.ndarray, bits: int) -> np.ndarray:
    mean, step = levels
    top = 2**bits - 1
    return np.clip(np.floor((vectors - mean) / step + 2 ** (bits - 1)), 0, top).astype(np.uint8)


def _dequantise(codes: np.ndarray, levels: np.ndarray, bits: int) -> np.ndarray:
    mean, step = levels
    return (mean + (codes.astype(np.float32) - 2 ** (bits - 1) + 0.5) * step).astype(np.float32)


def _pack(codes: np.ndarray, bits: int) -> np.ndarray:
    """Codes of ``bits`` bits each (uint8, n x d) packed into bytes, row by row."""
    planes = np.unpackbits(codes[..., None], axis=-1)[..., 8 - bits :]
    return np.packbits(planes.reshape(len(codes), -1), axis=1)


def _unpack(packed: np.ndarray, bits: int, dims: int) -> np.ndarray:
    planes = np.unpackbits(np.asarray(packed), axis=1)[:, : dims * bits]
    planes = planes.reshape(len(packed), dims, bits)
    weights = (1 << np.arange(bits - 1, -1, -1)).astype(np.uint8)
    return (planes * weights).sum(axis=-1).astype(np.uint8)


def write_description_vectors(
    path: Path,
    vectors: np.ndarray,
    present: np.ndarray,
    docs_sha: str,
    *,
    bits: int = DESCRIPTION_BITS,
) -> dict[str, Any]:
    """Write description vectors in the bundle's compact form.

    Each dimension quantised to ``bits`` bits on uniform levels spanning its mean
    plus or minus 2.5 standard deviations over the present rows (the components of
    e5 vectors differ in mean and spread, so levels per dimension; fitted on these
    ESCO vectors alone). ``path`` (``.npy``, uint8, the codes packed row by row, one
    row per skill), ``<stem>_levels.npy`` (float32: each dimension's mean and step)
    and a ``.json`` sidecar with the SHA-256 of both files and of the documents.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    present = np.asarray(present, dtype=bool)
    seen = vectors[present]
    levels = np.vstack(
        [seen.mean(axis=0), 2 * _CLIP * np.maximum(seen.std(axis=0), 1e-6) / 2**bits]
    ).astype(np.float32)
    codes = _quantise(vectors, levels, bits)
    codes[~present] = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    levels_path = path.with_name(f"{path.stem}_levels.npy")
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        np.save(out, _pack(codes, bits), allow_pickle=False)
    with atomic_path(levels_path) as tmp, open(tmp, "wb") as out:
        np.save(out, levels, allow_pickle=False)
    meta = {
        "model": MODEL_NAME,
        "recipe": _DESCRIPTION_RECIPE,
        "form": shipped_form(bits),
        "bits": bits,
        "documents_sha256": docs_sha,
        "file_sha256": file_sha256(path),
        "levels_sha256": file_sha256(levels_path),
        "shape": list(vectors.shape),
    }
    with atomic_path(path.with_suffix(".json")) as tmp:
        Path(tmp).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def _read_description_vectors(
    path: Path, docs: list[str | None], encoder_name: str
) -> DescriptionVectors | None:
    """The shipped description vectors, or None when a file is missing or a hash fails.

    The stored form (bits per dimension) is read from the sidecar and is part of the
    documents' hash, so a sidecar edited by hand fails like a changed file.
    """
    meta_path = path.with_suffix(".json")
    levels_path = path.with_name(f"{path.stem}_levels.npy")
    if not (path.is_file() and meta_path.is_file() and levels_path.is_file()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    bits = meta.get("bits")
    if (
        not isinstance(bits, int)
        or meta.get("form") != shipped_form(bits)
        or meta.get("documents_sha256") != description_sha256(docs, encoder_name, meta["form"])
        or meta.get("file_sha256") != file_sha256(path)
        or meta.get("levels_sha256") != file_sha256(levels_path)
    ):
        return None
    n, dims = meta["shape"]
    packed = np.load(path, mmap_mode="r", allow_pickle=False)
    levels = np.array(np.load(levels_path, mmap_mode="r", allow_pickle=False), dtype=np.float32)
    if packed.shape[0] != n or levels.shape != (2, dims):
        return None
    rows = _dequantise(_unpack(packed, bits, dims), levels, bits)
    present = np.ones(n, dtype=bool)  # the caller knows which skills have none
    return DescriptionVectors(rows, present, levels, bits)


@dataclass(frozen=True, slots=True)
class DescriptionPlan:
    """Which description vectors the bundle gives, and which wait for their own step.

    ``vectors`` holds the shipped ones (``present``); ``missing`` are the other
    descriptions (sorted, each once), to be embedded into ``cache``, named by their
    hash ``docs_sha`` (``cache`` is None when nothing is missing). ``described`` is
    how many skills have a description at all.
    """

    vectors: DescriptionVectors
    missing: list[str]
    docs_sha: str
    cache: Path | None
    described: int


def plan_description_vectors(
    name: str,
    docs: list[str | None],
    encoder_name: str,
    *,
    shipped: Path | None = None,
    shipped_docs: list[str | None] | None = None,
) -> DescriptionPlan:
    """The shipped vectors ``docs`` can reuse, and where the rest would be embedded.

    Nothing is embedded, and the encoder need not be loaded (``openpes doctor`` asks).
    """
    n = len(docs)
    has = np.asarray([d is not None for d in docs], dtype=bool)
    base: DescriptionVectors | None = None
    if shipped is not None and shipped_docs is not None:
        base = _read_description_vectors(
            shipped / f"{name}_description_vectors.npy", shipped_docs, encoder_name
        )
        if base is not None and shipped_docs == docs:
            return DescriptionPlan(replace(base, present=has), [], "", None, int(has.sum()))
    rows = np.zeros((n, 384), dtype=np.float32)
    present = np.zeros(n, dtype=bool)
    if base is not None and shipped_docs is not None:
        where = {doc: i for i, doc in enumerate(shipped_docs) if doc is not None}
        for i, doc in enumerate(docs):
            j = where.get(doc) if doc is not None else None
            if j is not None:
                rows[i], present[i] = base.rows[j], True
    vectors = DescriptionVectors(
        rows, present, base.levels if base else None, base.bits if base else DESCRIPTION_BITS
    )
    missing = sorted({doc for i, doc in enumerate(docs) if doc is not None and not present[i]})
    docs_sha = documents_sha256(missing, _description_model(encoder_name))
    cache = var_dir() / f"{name}_description_vectors-{docs_sha[:16]}.npy" if missing else None
    return DescriptionPlan(vectors, missing, docs_sha, cache, int(has.sum()))


def load_description_vectors(
    name: str,
    docs: list[str | None],
    encoder: Encoder,
    *,
    shipped: Path | None = None,
    shipped_docs: list[str | None] | None = None,
    compute: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DescriptionVectors:
    """Description vectors for ``docs`` (``None``: the skill has no description).

    The shipped set is used when its hashes match ``shipped_docs``; a description
    found there reuses its vector (a vector depends on the text alone). Descriptions
    the bundle lacks (an imported ESCO in another language) are read from a ``var/``
    cache keyed by their hash; they are embedded into it only when ``compute`` is
    true (:meth:`Taxonomy.build_description_vectors`, some 13 minutes of one core
    for a whole ESCO; resumable after a stop, see :func:`embed_into_cache`),
    reporting ``progress(done, total)``. Until then those skills count as having no
    description vector, so first use stays as fast as before.
    """
    plan = plan_description_vectors(
        name, docs, encoder.name, shipped=shipped, shipped_docs=shipped_docs
    )
    return complete_description_vectors(plan, docs, encoder, compute=compute, progress=progress)


def complete_description_vectors(
    plan: DescriptionPlan,
    docs: list[str | None],
    encoder: Encoder,
    *,
    compute: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DescriptionVectors:
    """``plan``'s shipped vectors plus its ``var/`` cache (embedded first if ``compute``).

    Without the cache (and ``compute`` false), the missing skills stay absent.
    """
    out = plan.vectors
    if plan.cache is None:
        return out
    extra = read_verified(plan.cache, plan.docs_sha)
    if extra is None and compute:
        extra = embed_into_cache(
            plan.cache,
            plan.missing,
            plan.docs_sha,
            encoder.passages,
            batch=_DESCRIPTION_BATCH,
            recipe=_DESCRIPTION_RECIPE,
            progress=progress,
        )
    if extra is None:
        return out
    rows, present = out.rows.copy(), out.present.copy()
    coords = dict(zip(plan.missing, out.quantised(extra), strict=True))
    for i, doc in enumerate(docs):
        if doc is not None and not present[i]:
            rows[i], present[i] = coords[doc], True
    return replace(out, rows=rows, present=present)
