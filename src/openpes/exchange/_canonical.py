"""Canonical JSON: the one byte string a bundle's signature covers."""

from __future__ import annotations

import json
import math
from typing import Any

from openpes.errors import InputError
from openpes.i18n import messages

_ = messages("openpes.exchange")

__all__ = ["canonical_json"]


def _check(value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(_("a bundle holds only finite numbers"))
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError(_("a bundle's keys are text"))
            _check(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check(item)


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: equal content gives equal bytes on every machine.

    Examples
    --------
    >>> canonical_json({"b": 1, "a": [1.5, "é"]})
    b'{"a":[1.5,"\\xc3\\xa9"],"b":1}'
    """
    _check(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
