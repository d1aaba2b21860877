"""The compact ESCO bundle shipped inside the package (``openpes/taxonomy/data``).

One zstd-compressed Parquet file per table plus ``manifest.json`` (version,
language, source, row counts, SHA-256 of each file). ``scripts/build_esco_bundle.py``
writes it; run time only ever reads it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from importlib.resources import files
from pathlib import Path
from typing import Any

import polars as pl

from openpes.errors import IntegrityError
from openpes.files import atomic_path
from openpes.i18n import translator
from openpes.taxonomy._esco_csv import EscoFrames

__all__ = ["ESCO_NOTICE", "bundle_dir", "read_bundle", "write_bundle"]

#: The attribution ESCO's licence asks every product that shows ESCO data to carry.
ESCO_NOTICE = "This service uses the ESCO classification of the European Commission."


def bundle_dir() -> Path:
    """Folder of the bundled data inside the installed package."""
    return Path(str(files("openpes.taxonomy") / "data"))


def _(text: str) -> str:
    return translator("openpes.taxonomy").gettext(text)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _atomic_write(path: Path, write: Any) -> None:
    with atomic_path(path) as tmp:
        write(str(tmp))


def write_bundle(
    frames: EscoFrames, folder: Path, *, version: str, language: str, source: str
) -> dict[str, Any]:
    """Write the frames as Parquet files plus a manifest; return the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, Any] = {}
    for field in fields(frames):
        path = folder / f"{field.name}.parquet"
        frame: pl.DataFrame = getattr(frames, field.name)
        _atomic_write(
            path,
            lambda tmp, frame=frame: frame.write_parquet(
                tmp, compression="zstd", compression_level=19, statistics=False
            ),
        )
        tables[field.name] = {"rows": frame.height, "sha256": _sha256(path)}
    manifest = {"version": version, "language": language, "source": source, "tables": tables}
    _atomic_write(
        folder / "manifest.json",
        lambda tmp: Path(tmp).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8"),
    )
    return manifest


def read_bundle(folder: Path, *, verify: bool = False) -> tuple[EscoFrames, dict[str, Any]]:
    """Read a bundle folder; with ``verify`` check each file against its SHA-256."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise IntegrityError(_("ESCO bundle manifest not found") + f": {manifest_path}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tables = {}
    for field in fields(EscoFrames):
        path = folder / f"{field.name}.parquet"
        expected = manifest["tables"][field.name]
        if verify and _sha256(path) != expected["sha256"]:
            raise IntegrityError(_("ESCO bundle file does not match its manifest") + f": {path}")
        tables[field.name] = pl.read_parquet(path)
    return EscoFrames(**tables), manifest
