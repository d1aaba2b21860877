"""The match index, following the database through snapshots shared by every worker.

A snapshot (the built :class:`~openpes.matching.MatchIndex` with the vacancy details and the
trainings) is written atomically to ``var/match-index/<catalogue digest>.pickle``. Each
process loads the snapshot of the current digest once; loading takes milliseconds where
building takes seconds. When the catalogue changes, the writing process builds the new
snapshot in a background thread after the commit; until it exists, requests keep using the
snapshot they have. So no request builds an index, except on a database whose catalogue was
never indexed at all (``openpes serve`` and ``openpes catalogue index`` build it first).

The files are pickles: only this application writes ``var/`` (which also holds the SQLite
database and the secret key), so they are as trusted as the database itself.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import close_old_connections, connection, transaction

from openpes.files import atomic_path
from openpes.matching import MatchIndex

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, CatalogueSnapshot] = {}
_building: set[str] = set()
#: Snapshots kept on disk besides the current one (older ones are removed).
KEEP = 3


@dataclass(frozen=True)
class CatalogueSnapshot:
    version: str
    index: MatchIndex | None
    vacancies: pl.DataFrame
    trainings: pl.DataFrame


def snapshot_dir() -> Path:
    return Path(os.environ.get("OPENPES_INDEX_DIR", settings.VAR_DIR / "match-index"))


def _path(version: str) -> Path:
    return snapshot_dir() / f"{version}.pickle"


def snapshot_build(version: str | None = None) -> Path:
    """Build the snapshot of the catalogue as it is now and write it; returns its path."""
    from openpes.web.caseload.taxonomy import taxonomy
    from openpes.web.catalogue.selectors import catalogue_version, trainings_frame, vacancies_frame

    version = version or catalogue_version()
    vacancies, trainings = vacancies_frame(), trainings_frame()
    index = (
        MatchIndex.build(vacancies, taxonomy=taxonomy(), source="catalogue")
        if vacancies.height
        else None
    )
    snapshot = CatalogueSnapshot(version, index, vacancies, trainings)
    path = _path(version)
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        pickle.dump(snapshot, out, protocol=pickle.HIGHEST_PROTOCOL)
    _prune(keep=path)
    with _lock:
        _loaded.clear()
        _loaded[version] = snapshot
    return path


def _prune(*, keep: Path) -> None:
    old = sorted(
        (p for p in snapshot_dir().glob("*.pickle") if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in old[KEEP:]:
        path.unlink(missing_ok=True)


def _load(path: Path) -> CatalogueSnapshot | None:
    try:
        with path.open("rb") as handle:
            snapshot = pickle.load(handle)  # noqa: S301 - our own file, see the module docstring
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
    return snapshot if isinstance(snapshot, CatalogueSnapshot) else None


def snapshot_ensure() -> CatalogueSnapshot | None:
    """The snapshot of the current catalogue, building it if it does not exist yet.

    For start-up (``openpes serve``) and the command line, never for requests.
    """
    from openpes.web.catalogue.selectors import catalogue_version

    version = catalogue_version()
    if not version:
        return None
    if not _path(version).exists():
        snapshot_build(version)
    return current_snapshot()


def current_snapshot() -> CatalogueSnapshot | None:
    """The snapshot to answer a request with: the current one, or the newest one on disk."""
    from openpes.web.catalogue.selectors import catalogue_version

    version = catalogue_version()
    if not version:
        return None
    with _lock:
        snapshot = _loaded.get(version)
    if snapshot is not None:
        return snapshot
    path = _path(version)
    if path.exists() and (snapshot := _load(path)) is not None:
        with _lock:
            _loaded.clear()
            _loaded[version] = snapshot
        return snapshot
    # The new snapshot is being built (here or in another process): keep serving the last one.
    _refresh_in_background(version)
    with _lock:
        previous = next(iter(_loaded.values()), None)
    if previous is not None:
        return previous
    newest = max(snapshot_dir().glob("*.pickle"), key=lambda p: p.stat().st_mtime, default=None)
    if newest is not None and (snapshot := _load(newest)) is not None:
        return snapshot
    # Never indexed (a database loaded without the application): build it once, here.
    logger.warning("no match index snapshot for catalogue %s: building it now", version[:12])
    snapshot_build(version)
    with _lock:
        return _loaded.get(version)


def _refresh_in_background(version: str) -> None:
    with _lock:
        if version in _building:
            return
        _building.add(version)

    def build() -> None:
        try:
            close_old_connections()
            from openpes.web.catalogue.selectors import catalogue_version

            # Build the newest catalogue: later changes may have landed meanwhile.
            current = catalogue_version()
            if current and not _path(current).exists():
                snapshot_build(current)
        except Exception:  # a failed background build must not take the process down
            logger.exception("building the match index snapshot failed")
        finally:
            connection.close()
            with _lock:
                _building.discard(version)

    threading.Thread(target=build, name="openpes-match-index", daemon=True).start()


def snapshot_refresh_after_commit(version: str) -> None:
    """Schedule the snapshot of ``version`` once the transaction that made it commits."""
    if os.environ.get("OPENPES_INDEX_BUILD", "background") == "off":
        return
    transaction.on_commit(lambda: _refresh_in_background(version))
