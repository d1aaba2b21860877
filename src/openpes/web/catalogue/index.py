"""The match index, following the database through snapshots shared by every worker.

A snapshot (the built :class:`~openpes.matching.MatchIndex` with the vacancy details and the
trainings) is a folder ``var/match-index/<catalogue digest>/`` of NumPy arrays and Arrow
tables with a manifest of their SHA-256 digests, written atomically by
:func:`openpes.matching.save_index`. Each process memory-maps the snapshot of the current
digest once (:func:`openpes.matching.load_index`): loading takes milliseconds where building
takes seconds, and the workers share one copy of it in the page cache. When the catalogue
changes, the writing process starts a background build of the new snapshot after the
commit; until it exists, requests keep using the snapshot they have. So no request builds
an index, except on a database whose catalogue was never indexed at all (``openpes serve``
and ``openpes import`` build it first).

Nothing in a snapshot is pickled, so a snapshot file cannot run code when it is loaded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction

from openpes.errors import InputError
from openpes.matching import MatchIndex, load_index, save_index

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, CatalogueSnapshot] = {}
_building: set[str] = set()
#: Snapshots kept on disk besides the current one (older ones are removed).
KEEP = 3


@dataclass(frozen=True)
class CatalogueSnapshot:
    """A catalogue version's match index, its vacancies' details (without the skill lists,
    which the index holds) and its trainings."""

    version: str
    index: MatchIndex | None
    vacancies: pl.DataFrame
    trainings: pl.DataFrame


def snapshot_dir() -> Path:
    return Path(os.environ.get("OPENPES_INDEX_DIR", settings.VAR_DIR / "match-index"))


def _path(version: str) -> Path:
    return snapshot_dir() / version


def _snapshots() -> list[Path]:
    """The complete snapshots on disk (a folder being written starts with a dot)."""
    folder = snapshot_dir()
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]


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
    # The skill lists are in the index already; requests read only the vacancies' details.
    details = vacancies.drop("essential_skills", "optional_skills")
    path = save_index(
        index, _path(version), tables={"vacancies": details, "trainings": trainings}, label=version
    )
    _prune(keep=path)
    # Served from the files just written, so this process shares them with the others too.
    snapshot = _load(path, verify=False) or CatalogueSnapshot(version, index, details, trainings)
    with _lock:
        _loaded.clear()
        _loaded[version] = snapshot
    return path


def _prune(*, keep: Path) -> None:
    old = sorted(
        (p for p in _snapshots() if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in old[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)
    # Leftovers of pickled snapshots (before the folders) are of no use any more.
    for old_file in snapshot_dir().glob("*.pickle"):
        old_file.unlink(missing_ok=True)


def _load(path: Path, *, verify: bool = True) -> CatalogueSnapshot | None:
    try:
        stored = load_index(path, verify=verify)
    except InputError:
        logger.warning("match index snapshot %s is damaged: not used", path.name[:12])
        return None
    tables = stored.tables
    if "vacancies" not in tables or "trainings" not in tables:
        return None
    return CatalogueSnapshot(stored.label, stored.index, tables["vacancies"], tables["trainings"])


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
    newest = max(_snapshots(), key=lambda p: p.stat().st_mtime, default=None)
    if newest is not None and (snapshot := _load(newest)) is not None:
        # Kept, so that the next requests do not map and check it again meanwhile.
        with _lock:
            _loaded.clear()
            _loaded[snapshot.version] = snapshot
        return snapshot
    # Never indexed (a database loaded without the application): build it once, here.
    logger.warning("no match index snapshot for catalogue %s: building it now", version[:12])
    snapshot_build(version)
    with _lock:
        return _loaded.get(version)


def _refresh_in_background(version: str) -> None:
    """Build the snapshot of ``version`` in a separate process, unless one is already at it.

    A process rather than a thread: the build is seconds of CPU, and in a thread it would
    hold the interpreter lock while this worker answers requests. ``OPENPES_INDEX_BUILD=off``
    (tests, and commands that build the snapshot themselves) starts none.
    """
    if os.environ.get("OPENPES_INDEX_BUILD", "background") == "off":
        return
    with _lock:
        if version in _building:
            return
        _building.add(version)
    folder = snapshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f".building-{version}"
    try:
        # A marker older than ten minutes belongs to a builder that died.
        if marker.exists() and time.time() - marker.stat().st_mtime > 600:
            marker.unlink(missing_ok=True)
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    subprocess.Popen(
        [sys.executable, "-m", "openpes.web.catalogue.index", version],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def _build_main(version: str) -> None:
    """The background builder: build the newest catalogue's snapshot, then drop the marker."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
    django.setup()
    from openpes.web.catalogue.selectors import catalogue_version

    try:
        current = catalogue_version()
        if current and not _path(current).exists():
            snapshot_build(current)
    finally:
        (snapshot_dir() / f".building-{version}").unlink(missing_ok=True)


def snapshot_refresh_after_commit(version: str) -> None:
    """Schedule the snapshot of ``version`` once the transaction that made it commits."""
    transaction.on_commit(lambda: _refresh_in_background(version))


def _templates_compiled() -> None:
    """Compile every template once: the cached loader keeps them for the worker's life, so
    the first page does not pay for parsing its templates (about half of its time)."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines

    for engine in engines.all():
        for folder in engine.template_dirs:
            for path in Path(folder).rglob("*.html"):
                with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
                    engine.get_template(path.relative_to(folder).as_posix())


def warm_up() -> None:
    """Get a worker ready before its first request: the URLs, the taxonomy, the current
    snapshot, and one match (the first one imports the scoring code's libraries).

    A database that is not migrated yet (first start) is no reason to fail the worker.
    """
    from django.db import DatabaseError
    from django.urls import get_resolver

    from openpes.web.caseload.frames import jobseekers_frame
    from openpes.web.caseload.models import JobSeeker
    from openpes.web.caseload.taxonomy import taxonomy

    get_resolver().url_patterns  # noqa: B018 - importing every view module is the point
    _templates_compiled()
    taxonomy()
    try:
        snapshot = current_snapshot()
        person = JobSeeker.objects.prefetch_related("skills", "experience").first()
        if snapshot is not None and snapshot.index is not None and person is not None:
            snapshot.index.suggest(jobseekers_frame([person]), k=1, as_of="latest")
    except DatabaseError:
        logger.warning("match index not warmed up: the database is not ready")


if __name__ == "__main__":
    _build_main(sys.argv[1])
