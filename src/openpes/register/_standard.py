"""The field lists of the standards, read from the data files shipped in the package.

``data/nl_algoritmeregister_1_0.json`` holds the Dutch publication standard 1.0 field by
field (name, type, maximum length, required, Dutch title, permitted values, item fields)
and ``data/atrs_3_0.json`` the UK ATRS v3.0 attributes. Both were derived once from the
standards' own configuration files; the exporters and validators read them, so a field
cannot be renamed in one place and not in the other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["AtrsField", "NlField", "atrs_fields", "nl_allowed_tags", "nl_fields"]


@dataclass(frozen=True)
class NlField:
    """One field of the Dutch standard (``items`` for the ``*_grouping`` arrays)."""

    name: str
    type: str
    max_length: int | None
    required: bool
    title: str
    values: tuple[str, ...] = ()
    items: tuple[NlField, ...] = ()


@dataclass(frozen=True)
class AtrsField:
    """One attribute of ATRS v3.0; ``tier`` is ``None`` for metadata and title fields."""

    ref: str
    name: str
    tier: int | None
    section: str
    type: str
    required: bool


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads((files("openpes.register") / "data" / name).read_text(encoding="utf-8"))


def _nl_field(raw: dict[str, Any]) -> NlField:
    return NlField(
        name=raw["name"],
        type=raw["type"],
        max_length=raw.get("max_length"),
        required=bool(raw.get("required")),
        title=raw.get("title", raw["name"]),
        values=tuple(raw.get("values", ())),
        items=tuple(_nl_field(item) for item in raw.get("items", ())),
    )


@cache
def nl_fields() -> tuple[NlField, ...]:
    """The 31 fields of the Dutch publication standard 1.0, in the standard's order.

    Examples
    --------
    >>> fields = {f.name: f for f in nl_fields()}
    >>> fields["name"].max_length, fields["lang"].values, len(fields)
    (100, ('nld',), 31)
    """
    return tuple(_nl_field(raw) for raw in _load("nl_algoritmeregister_1_0.json")["fields"])


@cache
def nl_allowed_tags() -> frozenset[str]:
    """The HTML tags the Dutch standard allows in long text fields.

    Examples
    --------
    >>> sorted(nl_allowed_tags())
    ['br', 'div', 'li', 'ol', 'p', 'ul']
    """
    return frozenset(_load("nl_algoritmeregister_1_0.json")["allowed_html_tags"])


@cache
def atrs_fields() -> tuple[AtrsField, ...]:
    """The attributes of ATRS v3.0, in the template's order.

    Examples
    --------
    >>> fields = atrs_fields()
    >>> len(fields), fields[0].name, sum(f.tier == 1 for f in fields)
    (65, 'id', 4)
    """
    return tuple(AtrsField(**raw) for raw in _load("atrs_3_0.json")["fields"])
