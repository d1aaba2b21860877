"""The bundle a PES shares with a hub, and the hub's checks before it stores one.

A bundle is JSON: ``format_version``, ``member``, ``created``, ``parts`` (each opt-in) and
``signature``. The parts are readiness results (already anonymous), published register
records with their safeguards, aggregate oversight indicators per AI system (no group
below :data:`MIN_GROUP`) and structured cases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from openpes.errors import InputError
from openpes.exchange._canonical import canonical_json
from openpes.exchange._signing import signature_valid
from openpes.i18n import messages

_ = messages("openpes.exchange")

__all__ = [
    "FORMAT_VERSION",
    "MIN_GROUP",
    "PARTS",
    "THEMES",
    "Bundle",
    "BundleRefused",
    "Part",
    "Reason",
    "Theme",
    "build_bundle",
    "bundle_digest",
    "receive",
]

FORMAT_VERSION = 1
#: No aggregate in a bundle may describe fewer people than this.
MIN_GROUP = 10
Part = Literal["readiness", "register", "indicators", "cases"]
PARTS: tuple[Part, ...] = get_args(Part)
Theme = Literal["counselling", "fairness", "readiness"]
THEMES: tuple[Theme, ...] = get_args(Theme)
Reason = Literal["malformed", "future_version", "unknown_member", "tampered", "small_group"]
_SAFEGUARDS = ("counsellor_first", "stop_switch", "review_route", "fria_done")
_CASE_TEXTS = ("title", "problem", "approach", "result", "lessons")


class BundleRefused(InputError):
    """The hub refuses a bundle; ``rule`` says which rule it broke, the message why.

    Examples
    --------
    >>> err = BundleRefused("tampered", messages("openpes.exchange")("changed"))
    >>> err.rule
    'tampered'
    """

    def __init__(self, rule: Reason, message: Any) -> None:
        self.rule = rule
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.rule, self.reason))


@dataclass(frozen=True)
class Bundle:
    """A bundle the hub accepted: who sent it, when, and its parts as plain JSON values."""

    member: str
    created: str
    format_version: int
    parts: Mapping[str, Any]
    digest: str
    content: Mapping[str, Any]


def bundle_digest(bundle: Mapping[str, Any]) -> str:
    """SHA-256 of the bundle's canonical JSON (signature included): its version's name."""
    return hashlib.sha256(canonical_json(dict(bundle))).hexdigest()


def build_bundle(
    member: str,
    parts: Mapping[str, Any],
    *,
    created: str | None = None,
) -> dict[str, Any]:
    """An unsigned bundle of the parts a person chose to share (sign it with ``sign``).

    Examples
    --------
    >>> b = build_bundle("pes-a", {"cases": []}, created="2026-01-01T00:00:00Z")
    >>> b["format_version"], sorted(b["parts"])
    (1, ['cases'])
    """
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise InputError(
            _("unknown parts {parts}; expected some of {expected}").format(
                parts=", ".join(unknown), expected=", ".join(PARTS)
            )
        )
    stamp = created or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    bundle = {
        "format_version": FORMAT_VERSION,
        "member": member,
        "created": stamp,
        "parts": {name: parts[name] for name in PARTS if name in parts},
    }
    _check_parts(bundle["parts"])
    return bundle


def _malformed(message: Any) -> BundleRefused:
    return BundleRefused("malformed", message)


def _expect(condition: bool, what: Any, where: str) -> None:
    if not condition:
        raise _malformed(_("expected {what} at {where}").format(what=what, where=where))


def _check_indicator(item: Any, where: str) -> None:
    _expect(isinstance(item, dict), _("an object"), where)
    _expect(isinstance(item.get("system"), str) and item["system"] != "", _("a system"), where)
    people = item.get("people", 0)
    _expect(isinstance(people, int) and people >= 0, _("a count of people"), where + ".people")
    rates = [item.get(k) for k in ("override_rate", "review_rate")]
    for name, rate in zip(("override_rate", "review_rate"), rates, strict=True):
        _expect(
            rate is None or (isinstance(rate, int | float) and 0 <= rate <= 1),
            _("a rate between 0 and 1"),
            f"{where}.{name}",
        )
    if any(r is not None for r in rates) and people < MIN_GROUP:
        raise BundleRefused(
            "small_group",
            _.ngettext(
                "{where}: rates over {n} person; at least {min} are needed",
                "{where}: rates over {n} people; at least {min} are needed",
                people,
            ).format(where=where, n=people, min=MIN_GROUP),
        )
    reviews = item.get("reviews", 0)
    _expect(isinstance(reviews, int) and reviews >= 0, _("a count of reviews"), where + ".reviews")
    if item.get("review_outcomes") and reviews < MIN_GROUP:
        raise BundleRefused(
            "small_group",
            _.ngettext(
                "{where}: review outcomes of {n} review; at least {min} are needed",
                "{where}: review outcomes of {n} reviews; at least {min} are needed",
                reviews,
            ).format(where=where, n=reviews, min=MIN_GROUP),
        )
    for key in ("alerts", "pauses"):
        value = item.get(key, 0)
        _expect(isinstance(value, int) and value >= 0, _("a count"), f"{where}.{key}")
    groups = item.get("groups", [])
    _expect(isinstance(groups, list), _("a list of groups"), where + ".groups")
    for j, group in enumerate(groups):
        at = f"{where}.groups[{j}]"
        _expect(isinstance(group, dict), _("an object"), at)
        n = group.get("n")
        _expect(isinstance(n, int) and n >= 0, _("a group size n"), at + ".n")
        if n < MIN_GROUP:
            raise BundleRefused(
                "small_group",
                _.ngettext(
                    "{where}: a group of {n} person; every group needs at least {min}",
                    "{where}: a group of {n} people; every group needs at least {min}",
                    n,
                ).format(where=at, n=n, min=MIN_GROUP),
            )


def _check_register(item: Any, where: str) -> None:
    _expect(isinstance(item, dict), _("an object"), where)
    _expect(isinstance(item.get("system"), str) and item["system"] != "", _("a system"), where)
    _expect(isinstance(item.get("name"), dict), _("a name per language"), where + ".name")
    safeguards = item.get("safeguards")
    _expect(isinstance(safeguards, dict), _("the safeguards"), where + ".safeguards")
    for key in _SAFEGUARDS:
        _expect(isinstance(safeguards.get(key), bool), _("yes or no"), f"{where}.safeguards.{key}")
    _expect(
        isinstance(safeguards.get("monitors", []), list),
        _("a list"),
        where + ".safeguards.monitors",
    )
    for key in ("data_used", "groups_audited"):
        _expect(isinstance(item.get(key, []), list), _("a list"), f"{where}.{key}")


def _check_case(item: Any, where: str) -> None:
    _expect(isinstance(item, dict), _("an object"), where)
    for key in _CASE_TEXTS:
        value = item.get(key)
        _expect(isinstance(value, str) and value.strip() != "", _("a text"), f"{where}.{key}")
    _expect(item.get("theme") in THEMES, _("counselling, fairness or readiness"), where + ".theme")
    for key in ("language", "country"):
        value = item.get(key)
        _expect(isinstance(value, str) and 2 <= len(value) <= 3, _("a code"), f"{where}.{key}")
    _expect(isinstance(item.get("summary_en", ""), str), _("a text"), where + ".summary_en")


def _check_readiness(item: Any, where: str) -> None:
    _expect(isinstance(item, dict), _("an object"), where)
    _expect(isinstance(item.get("overall"), int | float), _("a score"), where + ".overall")
    dims = item.get("dimensions")
    _expect(isinstance(dims, dict), _("scores per dimension"), where + ".dimensions")
    for key, value in dims.items():
        _expect(isinstance(value, int | float), _("a score"), f"{where}.dimensions.{key}")


_CHECKS = {
    "readiness": _check_readiness,
    "register": _check_register,
    "indicators": _check_indicator,
    "cases": _check_case,
}


def _check_parts(parts: Any) -> None:
    _expect(isinstance(parts, dict), _("the parts"), "parts")
    for name, items in parts.items():
        _expect(name in _CHECKS, ", ".join(PARTS), f"parts.{name}")
        _expect(isinstance(items, list), _("a list"), f"parts.{name}")
        for i, item in enumerate(items):
            _CHECKS[name](item, f"{name}[{i}]")


def receive(data: bytes | str | Mapping[str, Any], *, members: Mapping[str, str]) -> Bundle:
    """Check a bundle as the hub does before storing anything; raise :class:`BundleRefused`.

    The checks run in this order: readable JSON, a known format version, a registered
    member, the member's signature over this exact content, the parts' structure, and the
    anonymity rules (no group below :data:`MIN_GROUP` people).

    Parameters
    ----------
    data:
        The bundle as bytes, text or parsed JSON.
    members:
        Member id to its registered public key (``ed25519:...``).

    Examples
    --------
    >>> receive(b'{"format_version": 9}', members={})
    Traceback (most recent call last):
    ...
    openpes.exchange._bundle.BundleRefused: this bundle has format version 9; this hub reads up to 1
    """
    if isinstance(data, bytes | str):
        try:
            content = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise _malformed(_("this is not a JSON bundle")) from None
    else:
        content = dict(data) if isinstance(data, Mapping) else data
    if not isinstance(content, dict):
        raise _malformed(_("this is not a JSON bundle"))
    version = content.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _malformed(_("the bundle has no valid format version"))
    if version > FORMAT_VERSION:
        raise BundleRefused(
            "future_version",
            _("this bundle has format version {version}; this hub reads up to {max}").format(
                version=version, max=FORMAT_VERSION
            ),
        )
    member = content.get("member")
    if not isinstance(member, str) or member not in members:
        raise BundleRefused(
            "unknown_member",
            _("member '{member}' is not registered on this hub").format(member=member),
        )
    try:
        canonical_json(content)
    except InputError as exc:
        raise _malformed(exc.message) from None
    if not signature_valid(content, members[member]):
        raise BundleRefused(
            "tampered",
            _(
                "the signature does not match: the bundle was changed or not signed by {member}"
            ).format(member=member),
        )
    _expect(isinstance(content.get("created"), str), _("a creation time"), "created")
    _check_parts(content.get("parts"))
    return Bundle(
        member=member,
        created=content["created"],
        format_version=version,
        parts=content["parts"],
        digest=bundle_digest(content),
        content=content,
    )
