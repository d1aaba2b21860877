"""Writes to the register. Every one is versioned where it changes a record, and trailed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes.register import public_record, record_to_dict, risk_priority
from openpes.web.register.defaults import defaults
from openpes.web.register.enums import (
    CourseKind,
    ErrorReportStatus,
    RegisterAction,
    SystemKind,
)
from openpes.web.register.live import oversight_facts
from openpes.web.register.models import (
    CourseCompletion,
    ErrorReport,
    Fria,
    FriaRisk,
    Publication,
    RecordVersion,
    RegisterRecord,
)
from openpes.web.register.selectors import live_facts, record_core
from openpes.web.trail.services import event_record

#: Fields that are bookkeeping, not content: they never make a new version.
_BOOKKEEPING = {"id", "version", "updated_at"}


def _subject(record: RegisterRecord) -> str:
    return f"register:{record.system}"


def _snapshot(record: RegisterRecord) -> dict[str, Any]:
    return {k: v for k, v in model_to_dict(record).items() if k not in _BOOKKEEPING}


def _version(record: RegisterRecord, *, actor: Any, changed: Sequence[str]) -> RecordVersion:
    return RecordVersion.objects.create(
        record=record,
        number=record.version,
        snapshot=_snapshot(record),
        changed_fields=sorted(changed),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def record_create(*, actor: Any, system: str, kind: str, **fields: Any) -> RegisterRecord:
    """Register one AI system (version 1)."""
    record = RegisterRecord(system=system, kind=kind, **fields)
    record.full_clean()
    record.save()
    _version(record, actor=actor, changed=list(_snapshot(record)))
    event_record(
        actor=actor,
        action=RegisterAction.RECORD_CREATED,
        subject=_subject(record),
        details={"version": 1},
    )
    return record


@transaction.atomic
def record_update(
    *, record: RegisterRecord, actor: Any, changes: Mapping[str, Any]
) -> RegisterRecord:
    """Change a record: a new version with the changed field names, in the trail."""
    before = _snapshot(record)
    for name, value in changes.items():
        if name in _BOOKKEEPING or name == "system":
            raise ValidationError({name: _("This field cannot be changed.")})
        setattr(record, name, value)
    record.full_clean()
    changed = [k for k, v in _snapshot(record).items() if before.get(k) != v]
    if not changed:
        return record
    record.version += 1
    record.save()
    _version(record, actor=actor, changed=changed)
    event_record(
        actor=actor,
        action=RegisterAction.RECORD_CHANGED,
        subject=_subject(record),
        details={"version": record.version, "fields": sorted(changed)},
    )
    return record


@transaction.atomic
def records_register_running(
    *, organisation: str, contact_email: str, actor: Any = None, **fields: Any
) -> list[RegisterRecord]:
    """Register the matching engine and the support-needs model if they are not yet.

    Idempotent: existing records are left as they are (an administrator may have edited
    them); their live facts always come from the running system anyway.
    """
    created = []
    for kind in (SystemKind.MATCHING, SystemKind.SUPPORT_NEEDS):
        system = kind.value.replace("_", "-")
        if RegisterRecord.objects.filter(system=system).exists():
            continue
        created.append(
            record_create(
                actor=actor,
                system=system,
                kind=kind,
                organisation=organisation,
                contact_email=contact_email,
                begin_date=timezone.localdate().strftime("%Y-%m"),
                **{**defaults(kind), **fields},
            )
        )
    return created


@transaction.atomic
def record_publish(*, record: RegisterRecord, actor: Any) -> Publication:
    """Freeze the record with its live facts of today, as the public page shows it."""
    # Stored in public form too, for anything that reads the snapshot as it is.
    snapshot = record_to_dict(public_record(record_core(record, live=live_facts(record))))
    publication = Publication.objects.create(
        record=record,
        version=record.version,
        snapshot=snapshot,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action=RegisterAction.PUBLISHED,
        subject=_subject(record),
        details={"version": record.version, "publication": publication.pk},
    )
    return publication


@transaction.atomic
def record_retract(*, publication: Publication, actor: Any, reason: str) -> Publication:
    """Take a publication off the public page; the copy stays for the record."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the record is retracted.")})
    publication.retracted_at = timezone.now()
    publication.retraction_reason = reason.strip()
    publication.save(update_fields=["retracted_at", "retraction_reason"])
    event_record(
        actor=actor,
        action=RegisterAction.RETRACTED,
        subject=_subject(publication.record),
        details={"publication": publication.pk},
    )
    return publication


def record_exported(*, record: RegisterRecord, actor: Any, format: str, full: bool = False) -> None:
    """Note an export in the trail (what was shown outside, and when), and whether it held
    the full figures (small groups and rates, for the oversight role) or the public ones."""
    event_record(
        actor=actor,
        action=RegisterAction.EXPORTED,
        subject=_subject(record),
        details={
            "format": format,
            "version": record.version,
            "figures": "full" if full else "public",
        },
    )


@transaction.atomic
def error_report_submit(*, record: RegisterRecord, message: str, contact: str = "") -> ErrorReport:
    """A member of the public reports an error in a record; it goes to the administrators."""
    errors = {}
    if not message.strip():
        errors["message"] = _("Say what is wrong in the record.")
    elif len(message) > 5000:
        errors["message"] = _("Write at most 5,000 characters.")
    if len(contact) > 200:
        errors["contact"] = _("Write at most 200 characters.")
    if errors:
        raise ValidationError(errors)
    report = ErrorReport.objects.create(
        record=record, message=message.strip(), contact=contact.strip()
    )
    event_record(
        actor="public",
        action=RegisterAction.ERROR_REPORTED,
        subject=_subject(record),
        details={"report": report.pk},
    )
    return report


@transaction.atomic
def error_report_answer(*, report: ErrorReport, actor: Any, answer: str) -> ErrorReport:
    if not answer.strip():
        raise ValidationError({"answer": _("Write an answer.")})
    report.answer = answer.strip()
    report.status = ErrorReportStatus.ANSWERED
    report.answered_at = timezone.now()
    report.save(update_fields=["answer", "status", "answered_at"])
    event_record(
        actor=actor,
        action=RegisterAction.ERROR_ANSWERED,
        subject=_subject(report.record),
        details={"report": report.pk},
    )
    return report


def _assessed_groups(record: RegisterRecord) -> list[str]:
    live = live_facts(record)
    return sorted({f"{g.attribute}={g.group}" for g in live.groups})


@transaction.atomic
def fria_save(
    *,
    record: RegisterRecord,
    actor: Any,
    elements: Mapping[str, Mapping[str, str]],
    risks: Sequence[Mapping[str, Any]],
) -> Fria:
    """Write the FRIA (elements and risks); it now assesses today's model and groups."""
    for index, risk in enumerate(risks):
        try:
            risk_priority(int(risk["severity"]), int(risk["likelihood"]))
        except Exception as exc:
            raise ValidationError({f"risk-{index}": str(exc)}) from exc
    fria, _created = Fria.objects.get_or_create(record=record)
    fria.elements = {k: dict(v) for k, v in elements.items()}
    fria.model_version = live_facts(record).model_version or ""
    fria.groups_assessed = _assessed_groups(record)
    fria.flagged = []
    fria.save()
    fria.risks.all().delete()
    for risk in risks:
        FriaRisk.objects.create(
            fria=fria,
            group=dict(risk.get("group", {})),
            harm=dict(risk.get("harm", {})),
            severity=int(risk["severity"]),
            likelihood=int(risk["likelihood"]),
            mitigation=dict(risk.get("mitigation", {})),
            monitor=risk.get("monitor", ""),
            complaint_route=risk.get("complaint_route", ""),
        )
    event_record(
        actor=actor,
        action=RegisterAction.FRIA_CHANGED,
        subject=_subject(record),
        details={"risks": len(risks)},
    )
    return fria


@transaction.atomic
def fria_flag_check(*, record: RegisterRecord) -> list[str]:
    """Flag the FRIA for update (Art. 27(2)) when one of its elements changed.

    Reasons: a monitor linked to one of its risks has an open alert, the model version
    is not the one assessed, or a group appears that was not assessed. Returns the
    reasons now standing; a new reason is written to the trail.
    """
    fria = Fria.objects.filter(record=record).first()
    if fria is None:
        return []
    reasons = []
    facts = oversight_facts(record.system) or {}
    alerting = set(facts.get("alert_monitors", ()))
    for monitor in sorted({r.monitor for r in fria.risks.all() if r.monitor} & alerting):
        reasons.append(f"alert:{monitor}")
    version = live_facts(record).model_version or ""
    if fria.model_version and version != fria.model_version:
        reasons.append(f"model:{version}")
    new_groups = sorted(set(_assessed_groups(record)) - set(fria.groups_assessed))
    reasons += [f"group:{g}" for g in new_groups]
    if sorted(reasons) != sorted(fria.flagged):
        added = sorted(set(reasons) - set(fria.flagged))
        fria.flagged = reasons
        fria.save(update_fields=["flagged"])
        if added:
            event_record(
                actor=None,
                action=RegisterAction.FRIA_FLAGGED,
                subject=_subject(record),
                details={"reasons": added},
            )
    return reasons


@transaction.atomic
def course_complete(
    *, user: Any, kind: str, record: RegisterRecord | None, score: float
) -> CourseCompletion | None:
    """Record a passed course (every check question right); a failed try is not stored."""
    if score < 1.0:
        return None
    completion = CourseCompletion.objects.create(
        user=user,
        kind=kind,
        record=record if kind == CourseKind.SYSTEM else None,
        record_version=record.version if record is not None else 0,
        score=score,
    )
    event_record(
        actor=user,
        action=RegisterAction.COURSE_COMPLETED,
        subject=_subject(record) if record is not None else "register:oversight",
        details={"kind": kind},
    )
    return completion
