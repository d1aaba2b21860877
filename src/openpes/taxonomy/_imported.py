"""ESCO taxonomies imported from an official download into ``$OPENPES_VAR_DIR/taxonomy/``.

An import reads the official CSV folder once (:func:`read_esco_csv` checks it) and writes
the same compact Parquet bundle the package ships, into a fresh folder
``esco-<language>-<hash>/``. A small pointer file ``esco-<language>.json`` then names the
current folder; it is replaced in one step (``os.replace``), so a reader sees the old
taxonomy or the new one, never half of either. The folder before the current one is kept,
so that a process still reading it is not cut off; older ones are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpes.errors import InputError
from openpes.files import atomic_path
from openpes.i18n import messages
from openpes.taxonomy._bundle import read_bundle, write_bundle
from openpes.taxonomy._dense import var_dir
from openpes.taxonomy._esco_csv import EscoFrames, read_esco_csv

__all__ = [
    "current_import",
    "folder_language",
    "import_esco",
    "imported_languages",
    "read_imported",
]

_ = messages("openpes.taxonomy")

# ESCO names its files with ISO 639-1 codes (``skills_fi.csv``); the code also becomes a
# folder name, so nothing else is accepted.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _check_language(language: str) -> str:
    if not _LANGUAGE.fullmatch(language or ""):
        raise InputError(
            _("expected an ESCO language code of two letters, such as fi or lv: {value}").format(
                value=language
            )
        )
    return language


def _pointer(root: Path, language: str) -> Path:
    return root / f"esco-{language}.json"


def import_esco(
    folder: str | os.PathLike[str],
    *,
    language: str,
    version: str = "unknown",
    root: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Import an official ESCO CSV download; return the manifest of the stored bundle.

    Parameters
    ----------
    folder : path
        The unpacked download, holding ``occupations_<language>.csv`` and the rest.
    language : str
        The files' language suffix, e.g. ``"fi"``.
    version : str
        ESCO release to record, e.g. ``"1.2.0"``.
    root : path, optional
        Where imported taxonomies live; default ``$OPENPES_VAR_DIR/taxonomy``.

    Raises
    ------
    InputError
        Naming the file, column and row that is wrong (nothing is stored then).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> occ = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
    >>> skill = "http://data.europa.eu/esco/skill/14b4a40e-da80-452a-86d6-88a959052219"
    >>> files = {
    ...     "occupations_fi.csv": "conceptUri,iscoGroup,preferredLabel,altLabels\\n"
    ...     f"{occ},7212,hitsaaja,",
    ...     "skills_fi.csv": "conceptUri,skillType,reuseLevel,preferredLabel,altLabels\\n"
    ...     f"{skill},skill/competence,,kaasuhitsaus,",
    ...     "occupationSkillRelations_fi.csv": "occupationUri,relationType,skillUri\\n"
    ...     f"{occ},essential,{skill}",
    ... }
    >>> with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as var:
    ...     for name, text in files.items():
    ...         _ = (pathlib.Path(src) / name).write_text(text + "\\n", encoding="utf-8")
    ...     manifest = import_esco(src, language="fi", version="1.2.0", root=var)
    ...     imported_languages(root=var)
    ['fi']
    >>> manifest["language"], manifest["tables"]["occupations"]["rows"]
    ('fi', 1)
    """
    language = _check_language(language)
    frames = read_esco_csv(folder, language=language)
    store = Path(root) if root is not None else var_dir()
    store.mkdir(parents=True, exist_ok=True)
    # Written beside its final place, then renamed: a crash leaves only a hidden folder.
    staging = Path(tempfile.mkdtemp(dir=store, prefix=f".esco-{language}-", suffix=".tmp"))
    try:
        manifest = write_bundle(
            frames,
            staging,
            version=version,
            language=language,
            source=str(Path(folder).resolve()),
        )
        digest = hashlib.sha256(
            json.dumps(manifest["tables"], sort_keys=True).encode("utf-8")
        ).hexdigest()[:12]
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        final = store / f"esco-{language}-{stamp}-{digest}"
        os.chmod(staging, 0o755)  # mkdtemp makes 0700; the web workers must read it too
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pointer = _pointer(store, language)
    previous = _current_folder(store, language)
    with atomic_path(pointer) as tmp:
        tmp.write_text(
            json.dumps({"folder": final.name, "version": version, "imported": stamp}, indent=2)
            + "\n",
            encoding="utf-8",
        )
    keep = {final.name, previous.name if previous is not None else ""}
    for old in store.glob(f"esco-{language}-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return manifest


def _current_folder(root: Path, language: str) -> Path | None:
    pointer = _pointer(root, language)
    try:
        stat = pointer.stat()
    except OSError:
        return None
    # Keyed by the pointer's identity and time: the web asks for every label it shows.
    name = _pointed(str(pointer), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    folder = root / Path(name).name  # a pointer cannot lead out of the store
    return folder if name and folder.is_dir() else None


@lru_cache(maxsize=64)
def _pointed(pointer: str, inode: int, mtime_ns: int, size: int) -> str:
    try:
        return str(json.loads(Path(pointer).read_text(encoding="utf-8")).get("folder", ""))
    except (OSError, ValueError, AttributeError):  # a pointer damaged by hand: as if none
        return ""


def folder_language(folder: str | os.PathLike[str]) -> str:
    """The language of an ESCO download, read from its ``occupations_<language>.csv``.

    Raises
    ------
    InputError
        When the folder holds no such file, or files in several languages.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as src:
    ...     _ = (pathlib.Path(src) / "occupations_fi.csv").write_text("conceptUri")
    ...     folder_language(src)
    'fi'
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(_("expected a folder of ESCO CSV files"), file=str(root))
    found = sorted(
        p.stem.removeprefix("occupations_")
        for p in root.glob("occupations_*.csv")
        if _LANGUAGE.fullmatch(p.stem.removeprefix("occupations_"))
    )
    if len(found) != 1:
        raise InputError(
            # No noun in English, but other languages agree with the count (lv: "atrasti 2").
            _.ngettext(
                "expected one occupations_<language>.csv file, found {n}; "
                "name the language with --language",
                "expected one occupations_<language>.csv file, found {n}; "
                "name the language with --language",
                len(found),
            ).format(n=len(found)),
            file=str(root),
        )
    return found[0]


def current_import(language: str, *, root: str | os.PathLike[str] | None = None) -> str | None:
    """Name of the folder holding the current import in ``language``, or None."""
    store = Path(root) if root is not None else var_dir()
    folder = _current_folder(store, _check_language(language))
    return folder.name if folder is not None else None


def imported_languages(*, root: str | os.PathLike[str] | None = None) -> list[str]:
    """Languages with an imported ESCO taxonomy, sorted.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as var:
    ...     imported_languages(root=var)
    []
    """
    store = Path(root) if root is not None else var_dir()
    if not store.is_dir():
        return []
    found = []
    for pointer in store.glob("esco-*.json"):
        language = pointer.stem.removeprefix("esco-")
        if _LANGUAGE.fullmatch(language) and _current_folder(store, language) is not None:
            found.append(language)
    return sorted(found)


def read_imported(
    language: str, *, root: str | os.PathLike[str] | None = None
) -> tuple[EscoFrames, dict[str, Any], str] | None:
    """The frames, manifest and folder name of the current import, or None if there is none."""
    store = Path(root) if root is not None else var_dir()
    folder = _current_folder(store, _check_language(language))
    if folder is None:
        return None
    frames, manifest = read_bundle(folder)
    return frames, manifest, folder.name
