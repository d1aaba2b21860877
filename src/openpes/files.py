"""Reading and writing files so that a reader never sees half of one.

Everything OpenPES writes to disk (reports, models, Parquet worlds, bundles) goes through a
temporary file in the same folder and ``os.replace``: an interrupted write leaves the old
file, or none, never a truncated one. The temporary file is locked while it is written, so
the next write to the same place can tell an orphan (left by a killed process) from a file
another process is still writing, and removes the orphan.

Commands check that they can write their output *before* they compute it
(:func:`check_writable`), and read text in any encoding a spreadsheet saves with a byte
order mark, or say clearly what was expected (:func:`read_text`).
"""

from __future__ import annotations

import codecs
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from openpes.errors import InputError
from openpes.i18n import messages

try:  # POSIX: a lock tells a live writer's temporary file from an orphan.
    import fcntl
except ImportError:  # pragma: no cover - Windows falls back on the file's age
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "atomic_path",
    "check_writable",
    "decode_text",
    "read_text",
    "remove_orphans",
    "write_atomic",
]

_ = messages("openpes")

#: Without locks (Windows), a temporary file older than this is taken for an orphan.
_ORPHAN_AGE = 3600.0
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _lock(fd: int) -> bool:
    """Take the file's lock without waiting; False when another process holds it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_orphans(folder: str | os.PathLike[str], name: str | None = None) -> list[Path]:
    """Remove the temporary files killed writes left in ``folder`` (for ``name``, or all).

    A temporary file another process is still writing is locked, and kept.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".report.txt.x1y2.tmp").write_text("half")
    >>> [p.name for p in remove_orphans(folder)]
    ['.report.txt.x1y2.tmp']
    """
    root = Path(folder)
    if not root.is_dir():
        return []
    removed = []
    for path in root.glob(f".{glob.escape(name)}.*.tmp" if name else ".*.tmp"):
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            if fcntl is None and time.time() - os.fstat(fd).st_mtime < _ORPHAN_AGE:
                continue  # pragma: no cover
            if _lock(fd):
                with suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
        finally:
            os.close(fd)
    return removed


def check_writable(path: str | os.PathLike[str], *, folder: bool = False) -> Path:
    """Raise :class:`InputError` now if ``path`` cannot be written, before any computation.

    ``path`` must not be an existing folder (unless ``folder``: then it must not be an
    existing file), and the nearest existing folder above it must accept new files. An
    existing file is fine: it is replaced. Nothing is created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_writable(folder / "new" / "report.html").name
    'report.html'
    >>> check_writable(folder)
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: file ...: this is a folder; a file name was expected
    """
    target = Path(path)
    if not folder and target.is_dir():
        raise InputError(_("this is a folder; a file name was expected"), file=str(target))
    if folder and target.exists() and not target.is_dir():
        raise InputError(_("this is a file; a folder was expected"), file=str(target))
    parent = target if folder else target.parent
    while not parent.exists():
        if parent.parent == parent:
            break
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(
            _("cannot write here: {parent} is a file, not a folder").format(parent=parent),
            file=str(target),
        )
    try:
        # Trying is the only honest test: permissions, read-only mounts, ACLs, quotas.
        fd, probe = tempfile.mkstemp(dir=parent, prefix=".openpes-write-check.", suffix=".tmp")
    except OSError as exc:
        raise InputError(
            _("cannot write here: {reason}").format(reason=exc.strerror or str(exc)),
            file=str(target),
        ) from None
    os.close(fd)
    os.unlink(probe)
    return target


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path`` in one step.

    ``private`` keeps the file readable by its owner only (0600), for people's records.

    Orphaned temporary files of earlier, killed writes to ``path`` are removed first.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(_("this is a folder; a file name was expected"), file=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            _("cannot write here: {reason}").format(reason=exc.strerror or str(exc)),
            file=str(target),
        ) from None
    remove_orphans(target.parent, target.name)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(
            _("cannot write here: {reason}").format(reason=exc.strerror or str(exc)),
            file=str(target),
        ) from None
    # The descriptor stays open (and locked) until the rename, marking the file as in use.
    _lock(fd)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes the file private; most of what we write are ordinary shared files,
        # but records of people stay private.
        os.chmod(tmp, 0o600 if private else 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, private: bool = False) -> None:
    """Write text (UTF-8, newlines untouched) or bytes to ``path`` atomically; ``private``: 0600."""
    with atomic_path(path, private=private) as tmp:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8", newline="")


def decode_text(data: bytes, *, file: str | None = None) -> str:
    """Decode UTF-8 (with or without a byte order mark), or UTF-16/32 with one.

    Anything else (latin-1, Windows-1252) is refused with the line of the first byte that
    is not UTF-8, rather than read with replacement characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            _(
                "this file is not UTF-8 text (byte {byte} is not UTF-8; latin-1 or "
                "Windows-1252?): save it as UTF-8"
            ).format(byte=hex(data[exc.start])),
            file=file,
            row=data.count(b"\n", 0, exc.start) + 1,
        ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a text file as :func:`decode_text` does, with clear errors for what is not one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.json"
    >>> _ = path.write_bytes("{}".encode("utf-16"))
    >>> read_text(path)
    '{}'
    """
    file = Path(path)
    if file.is_dir():
        raise InputError(_("this is a folder; a file was expected"), file=str(file))
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(
            _("cannot read the file: {reason}").format(reason=exc.strerror or str(exc)),
            file=str(file),
        ) from None
    return decode_text(data, file=str(file))
