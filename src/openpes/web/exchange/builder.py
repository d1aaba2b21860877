"""A member's bundle, built from what this instance already publishes or aggregates.

Nothing here is person-level: readiness scores are already anonymous, register records
are the published ones, indicators are the register's live aggregates, both in the
register's public form (``openpes.register.public_live``: every group below ten people
left out, no rate over fewer than ten decisions; the hub would refuse them anyway), and
cases are written to be shared.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from openpes import readiness as core_readiness
from openpes.register import public_live, record_to_dict
from openpes.web.exchange.models import OwnCase
from openpes.web.readiness.selectors import assessment_list, assessment_result
from openpes.web.register.exports import publication_record
from openpes.web.register.selectors import fria_get, live_facts, publications_current, record_list


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("en") or next(iter(value.values()), ""))
    return str(value or "")


def readiness_part() -> list[dict[str, Any]]:
    """The newest scored assessment of this organisation, as anonymous scores."""
    for assessment in assessment_list():
        if not assessment.organisation.is_own:
            continue
        result = assessment_result(assessment)
        if result is None:
            continue
        shared = core_readiness.share(result)
        return [
            {
                "framework_id": shared.framework_id,
                "framework_version": shared.framework_version,
                "overall": round(shared.overall, 2),
                "dimensions": {k: round(v, 2) for k, v in shared.dimensions.items()},
                "date": assessment.created_at.date().isoformat(),
            }
        ]
    return []


def register_part() -> list[dict[str, Any]]:
    """Every published register record with the safeguards the hub compares."""
    items = []
    frias = {r.system: fria_get(record=r) for r in record_list()}
    for publication in publications_current():
        snapshot = record_to_dict(publication_record(publication))
        live = snapshot.get("live") or {}
        groups = live.get("groups") or []
        system = str(snapshot.get("id", ""))
        fria = frias.get(system)
        items.append(
            {
                "system": system,
                "name": snapshot.get("name") or {},
                "purpose": snapshot.get("purpose") or {},
                "safeguards": {
                    "counsellor_first": live.get("decisions") is not None,
                    "stop_switch": live.get("paused") is not None,
                    "monitors": sorted({str(m[0]) for m in live.get("monitor_verdicts") or ()}),
                    "review_route": live.get("review_requests") is not None,
                    "fria_done": bool(snapshot.get("fria_url"))
                    or (fria is not None and bool(fria.elements)),
                },
                "data_used": [_text(d.get("name")) for d in snapshot.get("data") or ()],
                "groups_audited": sorted({str(g.get("attribute")) for g in groups}),
                "record": snapshot,
            }
        )
    return items


def indicators_part() -> list[dict[str, Any]]:
    """Aggregate oversight indicators per AI system; nothing below ten people."""
    items = []
    for record in record_list():
        facts = live_facts(record)
        shown = public_live(facts)
        people = int(facts.decisions or 0)
        reviews = int(facts.review_requests or 0)
        items.append(
            {
                "system": record.system,
                "kind": record.kind,
                "people": people,
                "audit_verdict": facts.audit_verdict,
                "override_rate": shown.override_rate,
                "review_rate": shown.review_rate,
                "reviews": reviews,
                "alerts": int(facts.open_alerts or 0),
                "pauses": int(facts.pauses or 0),
                "groups": [dataclasses.asdict(g) for g in shown.groups],
            }
        )
    return items


def case_as_part(case: OwnCase) -> dict[str, Any]:
    return {
        "title": case.title,
        "problem": case.problem,
        "approach": case.approach,
        "result": case.result,
        "lessons": case.lessons,
        "theme": case.theme,
        "language": case.language,
        "country": case.country,
        "summary_en": case.summary_en,
    }


def cases_part() -> list[dict[str, Any]]:
    return [case_as_part(c) for c in OwnCase.objects.order_by("created_at")]


BUILDERS = {
    "readiness": readiness_part,
    "register": register_part,
    "indicators": indicators_part,
    "cases": cases_part,
}


def available_parts() -> dict[str, list[dict[str, Any]]]:
    """Every part this instance could share, for the person to see before choosing."""
    return {name: build() for name, build in BUILDERS.items()}
