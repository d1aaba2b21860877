"""A :class:`MatchIndex` on disk: a folder of NumPy arrays and Arrow tables, memory-mapped.

:func:`save_index` writes every part of the index (and any frames the caller keeps beside it)
into a folder: each dense array and each piece of a sparse matrix is an ``.npy`` file, each
frame an uncompressed Arrow IPC file, and ``manifest.json`` holds the scalars, the shapes and
the SHA-256 digest and size of every file. The folder is written under a temporary name and
renamed into place, so a reader sees all of it or none of it.

:func:`load_index` maps the files (``np.load(mmap_mode="r")``, ``pyarrow.memory_map``)
instead of reading them: loading takes milliseconds whatever the size, and every process
that maps the same folder shares one copy of it in the page cache. Nothing is unpickled, so a
folder cannot run code; the manifest's digests catch a damaged or altered file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import scipy.sparse as sp

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.matching._index import MatchIndex
from openpes.matching._parts import VacancyParts
from openpes.matching._vocabulary import SkillSpace
from openpes.matching._weights import MatchWeights

__all__ = ["StoredIndex", "load_index", "save_index"]

_ = messages("openpes.matching")

FORMAT = "openpes-match-index"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_CHUNK = 1 << 22


@dataclass(frozen=True, eq=False)
class StoredIndex:
    """What :func:`load_index` found in a folder.

    Attributes
    ----------
    index:
        The match index, or ``None`` when the folder was saved without one.
    tables:
        The frames saved beside it, by name.
    label:
        The label given to :func:`save_index` (a catalogue version, for instance).
    """

    index: MatchIndex | None
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    label: str = ""


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, dict[str, Any]] = {}

    def _record(self, name: str) -> None:
        path = self.folder / name
        self.files[name] = {"sha256": _digest(path), "bytes": path.stat().st_size}

    def array(self, name: str, value: np.ndarray) -> str:
        if value.dtype == object:
            raise TypeError(f"{name}: object arrays cannot be stored")
        filename = f"{name}.npy"
        np.save(self.folder / filename, np.ascontiguousarray(value), allow_pickle=False)
        self._record(filename)
        return filename

    def matrix(self, name: str, value: sp.csr_matrix | sp.csc_matrix) -> dict[str, Any]:
        if not value.has_canonical_format:
            value = value.copy()
            value.sum_duplicates()
        return {
            "format": value.format,
            "shape": list(value.shape),
            "data": self.array(f"{name}.data", value.data),
            "indices": self.array(f"{name}.indices", value.indices),
            "indptr": self.array(f"{name}.indptr", value.indptr),
        }

    def frame(self, name: str, value: pl.DataFrame) -> str:
        filename = f"{name}.arrow"
        value.write_ipc(self.folder / filename, compression="uncompressed")
        self._record(filename)
        return filename


class _Reader:
    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.manifest = manifest

    def array(self, filename: str) -> np.ndarray:
        return np.load(self.folder / filename, mmap_mode="r", allow_pickle=False)

    def matrix(self, spec: dict[str, Any]) -> sp.csr_matrix | sp.csc_matrix:
        kind = sp.csr_matrix if spec["format"] == "csr" else sp.csc_matrix
        parts = (self.array(spec["data"]), self.array(spec["indices"]), self.array(spec["indptr"]))
        matrix = kind(parts, shape=tuple(spec["shape"]), copy=False)
        # Saved sorted and without duplicates: spare scipy the check (and any in-place fix).
        matrix.has_sorted_indices = True
        matrix.has_canonical_format = True
        return matrix

    def frame(self, filename: str) -> pl.DataFrame:
        source = pa.memory_map(str(self.folder / filename), "r")
        frame = pl.from_arrow(pa.ipc.open_file(source).read_all(), rechunk=False)
        assert isinstance(frame, pl.DataFrame)
        return frame


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def _mapping_frame(mapping: Mapping[Any, Any], value_type: pl.DataType) -> pl.DataFrame:
    return pl.DataFrame(
        {"key": list(mapping), "value": list(mapping.values())},
        schema={"key": pl.String(), "value": value_type},
    )


def _save_parts(parts: VacancyParts, out: _Writer) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    for item in dataclasses.fields(parts):
        name, value = item.name, getattr(parts, item.name)
        if name == "weights":
            spec[name] = dataclasses.asdict(value)
        elif name == "skills":
            spec[name] = {
                "uris": out.frame("skills.uris", pl.DataFrame({"uri": value.uris})),
                "neighbours": out.frame("skills.neighbours", value.neighbours),
                "adjacency": out.matrix("skills.adjacency", value.adjacency),
            }
        elif name == "isco":
            spec[name] = out.frame(name, _mapping_frame(value, pl.String()))
        elif name in ("occupation_ids", "language_bits"):
            spec[name] = out.frame(name, _mapping_frame(value, pl.Int64()))
        elif name == "cells":
            keys = np.array(list(value), dtype=np.int64).reshape(-1, 2)
            sizes = np.array([len(v) for v in value.values()], dtype=np.int64)
            members = [np.asarray(v, dtype=np.int64) for v in value.values()]
            spec[name] = {
                "keys": out.array("cells.keys", keys),
                "offsets": out.array("cells.offsets", np.r_[0, np.cumsum(sizes)]),
                "members": out.array(
                    "cells.members",
                    np.concatenate(members) if members else np.empty(0, np.int64),
                ),
            }
        elif value is None:
            spec[name] = None
        elif isinstance(value, sp.spmatrix | sp.sparray):
            spec[name] = {"matrix": out.matrix(name, value)}
        elif isinstance(value, np.ndarray):
            spec[name] = {"array": out.array(name, value)}
        elif isinstance(value, pl.DataFrame):
            spec[name] = {"frame": out.frame(name, value)}
        elif isinstance(value, dt.date):
            spec[name] = {"date": value.isoformat()}
        elif isinstance(value, float | int | tuple):
            spec[name] = {"value": list(value) if isinstance(value, tuple) else value}
        else:  # pragma: no cover - a new kind of part must be taught to the store first
            raise TypeError(f"VacancyParts.{name}: cannot store a {type(value).__name__}")
    return spec


def _skill_space(spec: dict[str, Any], into: _Reader) -> SkillSpace:
    # Built from its saved parts, not from the taxonomy: see SkillSpace for the attributes.
    space = SkillSpace.__new__(SkillSpace)
    uris = into.frame(spec["uris"])["uri"]
    space.uris = uris.to_list()
    space.ids = {uri: i for i, uri in enumerate(space.uris)}
    space.table = pl.DataFrame({"uri": uris, "col": np.arange(len(uris), dtype=np.int64)})
    space.arrow_uris = pa.array(space.uris, type=pa.large_string())
    space.neighbours = into.frame(spec["neighbours"])
    space.adjacency = into.matrix(spec["adjacency"])
    return space


def _mapping(frame: pl.DataFrame) -> dict[Any, Any]:
    return dict(zip(frame["key"].to_list(), frame["value"].to_list(), strict=True))


def _load_parts(spec: dict[str, Any], into: _Reader) -> VacancyParts:
    values: dict[str, Any] = {}
    for item in dataclasses.fields(VacancyParts):
        name, entry = item.name, spec[item.name]
        if name == "weights":
            values[name] = MatchWeights(**entry)
        elif name == "skills":
            values[name] = _skill_space(entry, into)
        elif name in ("isco", "occupation_ids", "language_bits"):
            values[name] = _mapping(into.frame(entry))
        elif name == "cells":
            keys, offsets = into.array(entry["keys"]), into.array(entry["offsets"])
            members = into.array(entry["members"])
            values[name] = {
                (int(x), int(y)): members[offsets[i] : offsets[i + 1]]
                for i, (x, y) in enumerate(keys.tolist())
            }
        elif entry is None:
            values[name] = None
        elif "matrix" in entry:
            values[name] = into.matrix(entry["matrix"])
        elif "array" in entry:
            values[name] = into.array(entry["array"])
        elif "frame" in entry:
            values[name] = into.frame(entry["frame"])
        elif "date" in entry:
            values[name] = dt.date.fromisoformat(entry["date"])
        else:
            value = entry["value"]
            values[name] = tuple(value) if isinstance(value, list) else value
    return VacancyParts(**values)


def save_index(
    index: MatchIndex | None,
    folder: str | os.PathLike[str],
    *,
    tables: Mapping[str, pl.DataFrame] | None = None,
    label: str = "",
) -> Path:
    """Write ``index`` (and ``tables`` beside it) to ``folder``, atomically; returns the folder.

    An existing folder of that name is replaced whole. See :func:`load_index`.

    Examples
    --------
    >>> import tempfile
    >>> from openpes.synth import generate_world
    >>> from openpes.taxonomy import Taxonomy
    >>> world = generate_world(20, 50, 5, seed=1)
    >>> index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
    >>> folder = save_index(index, Path(tempfile.mkdtemp()) / "index", label="v1")
    >>> len(load_index(folder).index)
    50
    """
    target = Path(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.writing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        out = _Writer(staging)
        parts = None if index is None else _save_parts(index.parts, out)
        frames = {name: out.frame(f"table.{name}", frame) for name, frame in (tables or {}).items()}
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "label": label,
            "parts": parts,
            "tables": frames,
            "files": out.files,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _replace_folder(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; a folder already there is moved aside, then removed."""
    aside = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, aside)
    os.replace(staging, target)
    # Processes that mapped the old files keep them until they unmap them (POSIX).
    shutil.rmtree(aside, ignore_errors=True)


def _damaged(folder: Path, what: str) -> InputError:
    return InputError(
        _("the match index in {folder} is damaged or incomplete: {what}").format(
            folder=folder, what=what
        ),
        file=str(folder),
    )


def load_index(folder: str | os.PathLike[str], *, verify: bool = True) -> StoredIndex:
    """Map the index that :func:`save_index` wrote to ``folder``.

    Parameters
    ----------
    folder:
        The folder :func:`save_index` wrote.
    verify:
        Check every file's SHA-256 digest against the manifest first (reads each file once,
        about a second per gigabyte). Sizes are always checked.

    Raises
    ------
    InputError
        When the folder is not an index, or a file is missing, truncated or altered.

    Examples
    --------
    >>> import tempfile
    >>> folder = save_index(None, Path(tempfile.mkdtemp()) / "empty", tables={})
    >>> load_index(folder).index is None
    True
    """
    root = Path(folder)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _damaged(root, MANIFEST) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(root, MANIFEST)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _damaged(root, "format_version")
    for name, entry in manifest["files"].items():
        path = root / name
        with contextlib.suppress(OSError):
            if path.stat().st_size == entry["bytes"] and (
                not verify or _digest(path) == entry["sha256"]
            ):
                continue
        raise _damaged(root, name)
    reader = _Reader(root, manifest)
    try:
        parts = None if manifest["parts"] is None else _load_parts(manifest["parts"], reader)
        tables = {name: reader.frame(file) for name, file in manifest["tables"].items()}
    except (KeyError, TypeError, ValueError, OSError) as error:
        raise _damaged(root, type(error).__name__) from error
    return StoredIndex(
        index=None if parts is None else MatchIndex(parts),
        tables=tables,
        label=str(manifest.get("label", "")),
    )
