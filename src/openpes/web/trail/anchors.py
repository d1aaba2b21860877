"""Anchors: the trail's head written outside the database, so a cut tail is caught too.

The hash chain proves that no stored event was changed, but not that the newest events
are all still there: someone who can delete rows can cut the tail, or delete everything
and write a new chain. An anchor is a line ``position hash anchored_at`` kept where the
database owner cannot reach (a file on another host's mount or a URL of an append-only
store). Verification anchors the head every time it runs, and ``openpes trail anchor``
does it on a schedule (docs/deployment.md).

``OPENPES_TRAIL_ANCHORS`` names the store: a file path, or an ``http(s)://`` URL that
answers GET with the anchor lines and appends the body of a POST.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from openpes.errors import ConfigurationError, InputError
from openpes.files import write_atomic
from openpes.web.trail.selectors import event_hash_at, trail_head

__all__ = ["Anchor", "AnchorCheck", "anchor_store", "anchors_check", "trail_anchor"]

_HEADER = "# position hash anchored_at\n"


@dataclass(frozen=True)
class Anchor:
    position: int
    hash: str
    anchored_at: str
    line: int = 0


def _parse(text: str, source: str) -> list[Anchor]:
    anchors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 2 or not parts[0].isdigit() or len(parts[1]) != 64:
            raise InputError(
                _(
                    "expected 'position hash anchored_at' (a number and a SHA-256), got {line!r}"
                ).format(line=line[:80]),
                file=source,
                row=number,
            )
        anchors.append(Anchor(int(parts[0]), parts[1], parts[2] if len(parts) > 2 else "", number))
    return anchors


class FileAnchors:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)

    def read(self) -> list[Anchor]:
        if not self.path.exists():
            return []
        if not self.path.is_file():
            raise InputError(_("the anchor store must be a file, not a folder"), file=self.name)
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(_("the anchor file is not UTF-8 text"), file=self.name) from None
        return _parse(text, self.name)

    def append(self, line: str) -> None:
        previous = self.path.read_text(encoding="utf-8") if self.path.exists() else _HEADER
        write_atomic(self.path, previous + line)


class UrlAnchors:
    def __init__(self, url: str) -> None:
        self.url = url
        self.name = url

    def _call(self, request: urllib.request.Request) -> str:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(
                _("the anchor store {url} cannot be reached: {problem}").format(
                    url=self.url, problem=exc
                )
            ) from None

    def read(self) -> list[Anchor]:
        return _parse(self._call(urllib.request.Request(self.url)), self.url)

    def append(self, line: str) -> None:
        data = line.encode("utf-8")
        headers = {"Content-Type": "text/plain; charset=utf-8"}
        self._call(urllib.request.Request(self.url, data=data, headers=headers, method="POST"))


def anchor_store(location: str | Path | None = None) -> FileAnchors | UrlAnchors | None:
    """The store named by ``location``, else by ``OPENPES_TRAIL_ANCHORS``; ``None`` if unset."""
    where = str(location or getattr(settings, "OPENPES_TRAIL_ANCHORS", "") or "")
    if not where:
        return None
    if where.startswith(("http://", "https://")):
        return UrlAnchors(where)
    return FileAnchors(Path(where))


def trail_anchor(store: FileAnchors | UrlAnchors) -> Anchor | None:
    """Append the trail's head to ``store``; ``None`` when the trail is empty."""
    position, head = trail_head()
    if position == 0:
        return None
    anchor = Anchor(position, head, timezone.now().isoformat())
    store.append(f"{anchor.position} {anchor.hash} {anchor.anchored_at}\n")
    return anchor


@dataclass(frozen=True)
class AnchorCheck:
    """``checked`` anchors all match when ``problem`` is empty; none at all is a warning."""

    checked: int
    problem: str = ""
    position: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def anchors_check(store: FileAnchors | UrlAnchors) -> AnchorCheck:
    """Every anchored head must still be in the trail, with the same hash."""
    anchors = store.read()
    for anchor in anchors:
        if event_hash_at(anchor.position) != anchor.hash:
            return AnchorCheck(
                len(anchors),
                _(
                    "event {position} no longer matches line {line} of the anchors in {store} "
                    "(the trail was cut or rewritten)"
                ).format(position=anchor.position, line=anchor.line, store=store.name),
                anchor.position,
            )
    return AnchorCheck(len(anchors))
