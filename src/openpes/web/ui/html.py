"""Writing HTML in Python exactly as Django's templates would, for the hottest lists.

A case page or a caseload shows dozens of rows; through the template engine each variable is
a lookup, a localisation and an escape with lazy-argument checks. ``esc`` and ``shown`` are
those steps, without the engine.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.functional import Promise
from django.utils.timezone import template_localtime
from django.utils.translation import get_language


def esc(value: Any) -> str:
    """``conditional_escape`` as a plain ``str``, without its lazy-argument wrapper."""
    if isinstance(value, Promise):
        value = str(value)
    own = getattr(value, "__html__", None)
    return str(own()) if own is not None else html.escape(str(value))


def shown(value: Any) -> str:
    """What ``{{ value }}`` writes: localised (numbers, dates, in local time) and escaped."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what number_format writes for an int without grouping
    return esc(formats.localize(template_localtime(value)))


def date_or(value: Any, format_name: str, default: str) -> str:
    """What ``{{ value|date:format_name|default:default }}`` writes."""
    if value in (None, ""):
        return esc(default)
    local = template_localtime(value)
    # Two aware datetimes of one instant are equal in any zone: the written form is the key.
    written = local.isoformat() if isinstance(local, dt.datetime) else None
    return _date(local, written, format_name, get_language()) or esc(default)


@lru_cache(maxsize=8192)
def _date(value: Any, written: str | None, format_name: str, language: str | None) -> str:
    # A pure function of the (local) date and the language: the same few hundred dates come
    # back on every caseload page, and formatting one walks its format string each time.
    return esc(formats.date_format(value, format_name))
