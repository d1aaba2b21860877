"""Suggestions kept per process, keyed by everything they are computed from.

Computing a person's suggestions (matching, relevance, reasons, trainings) is most of the
work of a case page, yet between two visits nothing it reads has usually changed. The key is
the person's whole matching input (the frame the engine reads: skills, experience, place,
preferences...), the catalogue snapshot's version, the day, the language and the audience, so a
change to any of them (an added skill, a new catalogue, midnight) computes afresh; nothing
needs to be invalidated by hand, and every worker agrees with what the database holds. The
matching pause is checked before this cache, on every request.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict

from django.utils import timezone

from openpes.web.caseload.frames import jobseeker_row
from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue.index import CatalogueSnapshot, current_snapshot
from openpes.web.counselling.suggestions import Suggestions, suggestions_for

#: Job seekers whose suggestions one worker keeps (a few MB at most).
CACHE_SIZE = 512

_cache: OrderedDict[tuple, Suggestions] = OrderedDict()
_lock = threading.Lock()


def _key(
    jobseeker: JobSeeker, language: str, audience: str, snapshot: CatalogueSnapshot | None
) -> tuple | None:
    if snapshot is None or snapshot.index is None:
        return None
    # The row the engine's frame is built from: equal rows give equal frames (a row that
    # differs only in form, 3 against 3.0, computes afresh, which is merely slower).
    inputs = jobseeker_row(jobseeker)
    return (
        snapshot.version,
        dt.date.today().isoformat(),
        timezone.localdate().isoformat(),
        os.environ.get("OPENPES_MATCH_AS_OF", "today"),
        language,
        audience,
        repr(inputs),
    )


def cached_suggestions(
    jobseeker: JobSeeker,
    *,
    language: str,
    audience: str,
    snapshot: CatalogueSnapshot | None = None,
) -> Suggestions:
    """``suggestions_for``, computed once per distinct input in this process.

    ``snapshot`` is the catalogue the page read for this request (read here if not given).
    """
    key = _key(jobseeker, language, audience, snapshot or current_snapshot())
    if key is None:
        return suggestions_for(jobseeker, language=language, audience=audience)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    result = suggestions_for(jobseeker, language=language, audience=audience)
    with _lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def clear() -> None:
    with _lock:
        _cache.clear()
