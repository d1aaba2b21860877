"""Reading the register: records, their live facts, publications and the core records.

``live_facts`` is the one place the live fields come from: the installed support-needs
model artifact (version and SHA-256, its training report), the counsellors' decisions and
review requests, and, through ``live.py``, the oversight app's monitors, alerts and
pauses. Nothing here is ever typed by a person.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from openpes import __version__
from openpes.matching import MatchWeights
from openpes.profiling import SupportNeedsModel, artifact_sha256, load_model
from openpes.register import (
    DataCategory,
    Fria,
    FriaRisk,
    GroupPerformance,
    Link,
    LiveFacts,
    MonitorVerdict,
    Record,
    Risk,
)
from openpes.web.counselling.enums import ReviewTopic, Verdict
from openpes.web.counselling.models import ReviewRequest, SuggestionDecision, SupportAssessment
from openpes.web.counselling.support import model_dir
from openpes.web.register.enums import ErrorReportStatus, SystemKind
from openpes.web.register.live import oversight_facts
from openpes.web.register.models import (
    ErrorReport,
    Publication,
    RecordVersion,
    RegisterRecord,
)
from openpes.web.register.models import Fria as FriaRow


def record_list() -> QuerySet[RegisterRecord]:
    return RegisterRecord.objects.order_by("system")


def record_get(*, system: str) -> RegisterRecord | None:
    return RegisterRecord.objects.filter(system=system).first()


def record_versions(*, record: RegisterRecord) -> QuerySet[RecordVersion]:
    return record.versions.order_by("-number")


def publications_current() -> list[Publication]:
    """The newest publication of each record that is not retracted, in system order."""
    latest: dict[int, Publication] = {}
    for publication in Publication.objects.filter(retracted_at__isnull=True).order_by(
        "published_at"
    ):
        latest[publication.record_id] = publication
    return sorted(latest.values(), key=lambda p: p.snapshot.get("id", ""))


def publication_get(*, pk: int) -> Publication | None:
    return Publication.objects.filter(pk=pk, retracted_at__isnull=True).first()


def error_reports_open() -> QuerySet[ErrorReport]:
    return ErrorReport.objects.filter(status=ErrorReportStatus.OPEN).select_related("record")


# -- live facts -------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _model_at(folder: str, sha: str) -> SupportNeedsModel:
    # Keyed by the artifact's SHA-256, so a new model is read as soon as it is installed.
    return load_model(Path(folder))


def installed_model() -> tuple[SupportNeedsModel, str] | None:
    """The installed support-needs model and its artifact SHA-256, or None."""
    folder = model_dir()
    if not (folder / "manifest.json").exists():
        return None
    sha = artifact_sha256(folder)
    return _model_at(str(folder), sha), sha


def _period(model: SupportNeedsModel) -> tuple[str, str] | None:
    periods = [p for p in model.report.split.periods.values() if p]
    if not periods:
        return None
    return min(p[0] for p in periods)[:10], max(p[1] for p in periods)[:10]


def _groups(model: SupportNeedsModel) -> tuple[GroupPerformance, ...]:
    return tuple(
        GroupPerformance(
            attribute=g.grouping,
            group=g.group,
            n=int(g.n or 0),
            selection_rate=g.selection_rate,
            false_positive_rate=g.fpr,
            false_negative_rate=g.fnr,
        )
        for g in model.report.test.groups
    )


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def matching_version() -> tuple[str, str]:
    """The matching engine's version and the SHA-256 of its scoring weights."""
    weights = json.dumps(dataclasses.asdict(MatchWeights()), sort_keys=True, default=str)
    return f"openpes {__version__}", hashlib.sha256(weights.encode()).hexdigest()


def live_facts(record: RegisterRecord) -> LiveFacts:
    """What the running system knows about ``record``'s system now."""
    facts: dict[str, Any] = {"as_of": timezone.localdate().isoformat()}
    if record.kind == SystemKind.SUPPORT_NEEDS:
        loaded = installed_model()
        if loaded is not None:
            model, sha = loaded
            report = model.report
            facts.update(
                model_version=sha[:12],
                model_sha256=sha,
                training_rows=report.rows,
                training_period=_period(model),
                audit_date=report.created[:10],
                audit_verdict=report.test.verdict,
                groups=_groups(model),
            )
        decided = SupportAssessment.objects.exclude(final_band="").exclude(model_band="")
        total = decided.count()
        overridden = sum(1 for a in decided.only("final_band", "model_band") if a.overrides_model)
        reviews = ReviewRequest.objects.filter(topic=ReviewTopic.ASSESSMENT).count()
    elif record.kind == SystemKind.MATCHING:
        version, sha = matching_version()
        facts.update(model_version=version, model_sha256=sha)
        decisions = SuggestionDecision.objects.all()
        total = decisions.count()
        overridden = decisions.exclude(verdict=Verdict.ACCEPTED).count()
        reviews = ReviewRequest.objects.filter(topic=ReviewTopic.SUGGESTION).count()
    else:
        total = overridden = reviews = 0
    if record.kind != SystemKind.OTHER:
        facts.update(
            decisions=total,
            override_rate=_rate(overridden, total),
            review_requests=reviews,
            review_rate=_rate(reviews, total),
        )
    oversight = oversight_facts(record.system)
    if oversight is not None:
        facts.update(
            monitor_verdicts=tuple(
                MonitorVerdict(str(m), str(v), str(c))
                for m, v, c in oversight.get("monitor_verdicts", ())
            ),
            open_alerts=oversight.get("open_alerts"),
            pauses=oversight.get("pauses"),
            paused=oversight.get("paused"),
        )
        if oversight.get("latest_audit"):
            facts["audit_date"], facts["audit_verdict"] = oversight["latest_audit"]
    facts["last_change"] = timezone.localdate(record.updated_at).isoformat()
    return LiveFacts(**facts)


# -- core records ---------------------------------------------------------------------
def _links(items: list[dict[str, Any]]) -> tuple[Link, ...]:
    return tuple(Link(title=i.get("title", {}), url=i.get("url", "")) for i in items)


def record_core(record: RegisterRecord, *, live: LiveFacts | None = None) -> Record:
    """The record as the core's :class:`openpes.register.Record`, with live facts."""
    return Record(
        id=record.system,
        name=record.name,
        purpose=record.purpose,
        forbidden_uses=record.forbidden_uses,
        status=record.status,  # type: ignore[arg-type]
        begin_date=record.begin_date or None,
        end_date=record.end_date or None,
        organisation=record.organisation,
        organisation_address=record.organisation_address,
        owner_team=record.owner_team,
        senior_responsible_owner=record.senior_responsible_owner,
        contact_email=record.contact_email,
        website=record.website,
        supplier=record.supplier,
        supplier_role=record.supplier_role,
        publication_category=record.publication_category,  # type: ignore[arg-type]
        themes=tuple(record.themes),
        lawful_basis=record.lawful_basis,
        lawful_basis_links=_links(record.lawful_basis_links),
        data_description=record.data_description,
        data=tuple(
            DataCategory(
                name=d.get("name", {}),
                source=d.get("source", {}),
                protected=bool(d.get("protected")),
                why=d.get("why", {}),
                url=d.get("url", ""),
            )
            for d in record.data_categories
        ),
        oversight=record.oversight,
        risks=tuple(
            Risk(risk=r.get("risk", {}), mitigation=r.get("mitigation", {})) for r in record.risks
        ),
        proportionality=record.proportionality,
        methods=record.methods,
        dpia_url=record.dpia_url,
        dpia_summary=record.dpia_summary,
        fria_url=record.fria_url,
        eu_database_url=record.eu_database_url,
        declaration_of_conformity_url=record.declaration_of_conformity_url,
        source_code_url=record.source_code_url,
        submitter_name=record.submitter_name,
        submitter_contact=record.submitter_contact,
        tags=tuple(record.tags),
        version=record.version,
        updated=_iso(record.updated_at) or "",
        live=live if live is not None else live_facts(record),
    )


def fria_get(*, record: RegisterRecord) -> FriaRow | None:
    return FriaRow.objects.filter(record=record).first()


def fria_core(record: RegisterRecord) -> Fria | None:
    """The record's FRIA as the core's :class:`openpes.register.Fria`, or None."""
    row = fria_get(record=record)
    if row is None:
        return None
    return Fria(
        system=record.system,
        elements=row.elements,
        risks=[
            FriaRisk(
                group=r.group,
                harm=r.harm,
                severity=r.severity,
                likelihood=r.likelihood,
                mitigation=r.mitigation,
                monitor=r.monitor,
                complaint_route=r.complaint_route,
            )
            for r in row.risks.all()
        ],
        updated=_iso(row.updated_at) or "",
        flagged=tuple(row.flagged),
    )


def frias_flagged() -> list[tuple[str, list[str]]]:
    """(system, reasons) of every FRIA flagged for update, for the oversight dashboard."""
    return [
        (row.record.system, list(row.flagged))
        for row in FriaRow.objects.select_related("record").order_by("record__system")
        if row.flagged
    ]
