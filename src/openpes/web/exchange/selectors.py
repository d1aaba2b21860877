"""Reads of the exchange: what the hub shows (benchmarks, safeguards side by side, the
case library, members) and what a member sent."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from openpes.exchange import MIN_CONTRIBUTORS, Benchmarks, Contribution, benchmarks
from openpes.web.exchange.models import BundleVersion, Member, OwnCase, Sending

#: The agreed groupings of the hub's benchmarks, coarsest first.
GROUPINGS = ("region", "size_band")
INDICATORS = ("override_rate", "review_rate", "alerts", "pauses")
SAFEGUARDS = ("counsellor_first", "stop_switch", "review_route", "fria_done")


def member_list() -> QuerySet[Member]:
    return Member.objects.order_by("name")


def member_get(*, slug: str) -> Member | None:
    return Member.objects.filter(slug=slug).first()


def current_versions() -> list[BundleVersion]:
    """The newest version each member has not withdrawn."""
    latest: dict[int, BundleVersion] = {}
    for version in (
        BundleVersion.objects.filter(withdrawn_at__isnull=True)
        .select_related("member")
        .order_by("number")
    ):
        latest[version.member_id] = version
    return sorted(latest.values(), key=lambda v: v.member.name)


def version_history(*, member: Member) -> QuerySet[BundleVersion]:
    return member.versions.order_by("-number")


def _parts(version: BundleVersion) -> Mapping[str, Any]:
    return (version.content or {}).get("parts", {})


def _member_values(parts: Mapping[str, Any]) -> dict[str, float]:
    values: dict[str, float] = {}
    readiness = parts.get("readiness") or []
    if readiness:
        newest = readiness[-1]
        key = f"{newest.get('framework_id')}@{newest.get('framework_version')}"
        values[f"readiness:{key}:overall"] = float(newest["overall"])
        for dimension, score in newest.get("dimensions", {}).items():
            values[f"readiness:{key}:{dimension}"] = float(score)
    systems = parts.get("indicators") or []
    for name in INDICATORS:
        numbers = [float(s[name]) for s in systems if s.get(name) is not None]
        if numbers:
            # One value per PES: the mean over its AI systems.
            values[f"indicators:{name}"] = sum(numbers) / len(numbers)
    return values


#: Benchmarks per set of current versions, in this process. A version's content never
#: changes (a new bundle is a new version; a withdrawal takes it out of the set), so the
#: key (each version's SHA-256 and its member's grouping) says when to compute again. Computing
#: checks every candidate cell against differencing, which grows with the members.
_computed: OrderedDict[tuple, Benchmarks] = OrderedDict()
_computed_lock = threading.Lock()


def hub_benchmarks(*, k: int = MIN_CONTRIBUTORS) -> Benchmarks:
    """Every cell the hub may publish; pages, the API and exports read only these."""
    versions = current_versions()
    key = (
        k,
        tuple((v.digest, v.member.slug, v.member.region, v.member.size_band) for v in versions),
    )
    with _computed_lock:
        if key in _computed:
            _computed.move_to_end(key)
            return _computed[key]
    contributions = [
        Contribution(
            member=v.member.slug,
            profile={"region": v.member.region, "size_band": v.member.size_band},
            values=_member_values(_parts(v)),
        )
        for v in versions
    ]
    result = benchmarks(contributions, dimensions=GROUPINGS, k=k)
    with _computed_lock:
        _computed[key] = result
        while len(_computed) > 8:
            _computed.popitem(last=False)
    return result


def grouping_values() -> dict[str, list[str]]:
    """The regions and size bands members have, for the filter form."""
    members = member_list()
    return {
        "region": sorted({m.region for m in members if m.region}),
        "size_band": sorted({m.size_band for m in members if m.size_band}),
    }


@dataclass(frozen=True)
class SystemSafeguards:
    member: str
    member_slug: str
    country: str
    system: str
    name: Mapping[str, str]
    safeguards: Mapping[str, Any]
    data_used: tuple[str, ...]
    groups_audited: tuple[str, ...]


def safeguard_comparison(*, system: str = "") -> list[SystemSafeguards]:
    """The safeguards of every shared AI system, side by side (from register records)."""
    rows = []
    for version in current_versions():
        for item in _parts(version).get("register") or []:
            if system and item.get("system") != system:
                continue
            rows.append(
                SystemSafeguards(
                    member=version.member.name,
                    member_slug=version.member.slug,
                    country=version.member.country,
                    system=str(item.get("system", "")),
                    name=item.get("name") or {},
                    safeguards=item.get("safeguards") or {},
                    data_used=tuple(item.get("data_used") or ()),
                    groups_audited=tuple(item.get("groups_audited") or ()),
                )
            )
    return sorted(rows, key=lambda r: (r.system, r.member))


def peers_go_further(rows: list[SystemSafeguards], *, own: str) -> dict[str, int]:
    """For each safeguard ``own`` lacks on a system: how many peers have it there."""
    further: dict[str, int] = {}
    mine = {r.system: r for r in rows if r.member_slug == own}
    for row in rows:
        base = mine.get(row.system)
        if base is None or row.member_slug == own:
            continue
        for key in SAFEGUARDS:
            if row.safeguards.get(key) and not base.safeguards.get(key):
                further[key] = further.get(key, 0) + 1
    return further


@dataclass(frozen=True)
class SharedCase:
    member: str
    country: str
    theme: str
    language: str
    title: str
    problem: str
    approach: str
    result: str
    lessons: str
    summary_en: str


def case_search(*, theme: str = "", country: str = "", text: str = "") -> list[SharedCase]:
    """The case library, by theme, by country and by words in any of its texts."""
    found = []
    needle = text.strip().casefold()
    for version in current_versions():
        for item in _parts(version).get("cases") or []:
            case = SharedCase(
                member=version.member.name,
                country=str(item.get("country") or version.member.country).upper(),
                theme=str(item.get("theme", "")),
                language=str(item.get("language", "")),
                title=str(item.get("title", "")),
                problem=str(item.get("problem", "")),
                approach=str(item.get("approach", "")),
                result=str(item.get("result", "")),
                lessons=str(item.get("lessons", "")),
                summary_en=str(item.get("summary_en", "")),
            )
            if theme and case.theme != theme:
                continue
            if country and case.country != country.upper():
                continue
            words = " ".join(
                (
                    case.title,
                    case.problem,
                    case.approach,
                    case.result,
                    case.lessons,
                    case.summary_en,
                )
            ).casefold()
            if needle and needle not in words:
                continue
            found.append(case)
    return sorted(found, key=lambda c: (c.theme, c.country, c.title))


def case_countries() -> list[str]:
    return sorted({c.country for c in case_search()})


def own_cases() -> QuerySet[OwnCase]:
    return OwnCase.objects.order_by("-created_at")


def sendings(*, limit: int = 10) -> QuerySet[Sending]:
    return Sending.objects.order_by("-sent_at")[:limit]
