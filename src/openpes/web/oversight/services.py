"""Writes for oversight: the stop switch, alert handling, trail verification, output log.

Every write is one transaction together with its trail event, so nothing happens without
being recorded, and a step whose record fails does not happen either.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.web.accounts.models import Team
from openpes.web.caseload.models import JobSeeker
from openpes.web.oversight.enums import AlertStatus, OversightAction
from openpes.web.oversight.models import (
    AISystem,
    Alert,
    SuggestionShown,
    SystemPause,
    TrailVerification,
)
from openpes.web.trail.anchors import anchor_store, anchors_check, trail_anchor
from openpes.web.trail.selectors import trail_verify
from openpes.web.trail.services import event_record


def _name(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return actor.get_username()


def _require_reason(reason: str, *, column: str = "reason") -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise InputError(_("give a reason of at least a few words"), column=column)
    return reason


def _subject(system: AISystem) -> str:
    return f"ai_system:{system.key}"


def _scope(team: Team | None) -> dict[str, Any]:
    return {"team": team.name if team else None}


@transaction.atomic
def system_pause(
    *,
    system: AISystem,
    actor: Any,
    reason: str,
    team: Team | None = None,
    alert: Alert | None = None,
) -> SystemPause:
    """Pause ``system`` for the whole service (``team=None``) or for one team.

    A pause by a rule (``actor=None`` with an ``alert``) waits for a person to confirm it
    or resume the system.
    """
    reason = _require_reason(reason)
    automatic = actor is None
    if SystemPause.objects.filter(system=system, team=team, resumed_at__isnull=True).exists():
        raise InputError(_("this system is already paused there"), column="team")
    pause = SystemPause.objects.create(
        system=system,
        team=team,
        paused_at=timezone.now(),
        paused_by=_name(actor),
        reason=reason,
        automatic=automatic,
        alert=alert,
    )
    event_record(
        actor=actor,
        action=OversightAction.SYSTEM_AUTO_PAUSED if automatic else OversightAction.SYSTEM_PAUSED,
        subject=_subject(system),
        details={
            "pause": pause.pk,
            "reason": reason,
            **_scope(team),
            "alert": alert.pk if alert else None,
        },
    )
    return pause


@transaction.atomic
def system_resume(
    *, system: AISystem, actor: Any, reason: str, team: Team | None = None
) -> SystemPause:
    """End the pause in force for that scope.

    The pause row and its trail event are written in one transaction: if either fails to
    save, nothing changes and the system stays paused (fail safe, not open).
    """
    reason = _require_reason(reason)
    pause = (
        SystemPause.objects.select_for_update()
        .filter(system=system, team=team, resumed_at__isnull=True)
        .first()
    )
    if pause is None:
        raise InputError(_("this system is not paused there"), column="team")
    pause.resumed_at = timezone.now()
    pause.resumed_by = _name(actor)
    pause.resume_reason = reason
    pause.save(update_fields=["resumed_at", "resumed_by", "resume_reason"])
    event_record(
        actor=actor,
        action=OversightAction.SYSTEM_RESUMED,
        subject=_subject(system),
        details={"pause": pause.pk, "reason": reason, **_scope(team)},
    )
    return pause


@transaction.atomic
def system_pause_confirm(*, pause: SystemPause, actor: Any, reason: str) -> SystemPause:
    """A person confirms a pause that a rule made; it then stays until someone resumes."""
    reason = _require_reason(reason)
    if not pause.automatic or pause.confirmed_at or not pause.active:
        raise InputError(_("only an automatic pause in force can be confirmed"))
    pause.confirmed_at = timezone.now()
    pause.confirmed_by = _name(actor)
    pause.save(update_fields=["confirmed_at", "confirmed_by"])
    event_record(
        actor=actor,
        action=OversightAction.PAUSE_CONFIRMED,
        subject=_subject(pause.system),
        details={"pause": pause.pk, "reason": reason, **_scope(pause.team)},
    )
    return pause


@transaction.atomic
def alert_acknowledge(*, alert: Alert, actor: Any, note: str = "") -> Alert:
    if alert.status != AlertStatus.OPEN:
        raise InputError(_("only an open alert can be acknowledged"))
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = _name(actor)
    if note.strip():
        alert.note = note.strip()
    alert.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "note"])
    event_record(
        actor=actor,
        action=OversightAction.ALERT_ACKNOWLEDGED,
        subject=f"alert:{alert.pk}",
        details={"alert": alert.pk, "note": note.strip()},
    )
    return alert


@transaction.atomic
def alert_resolve(*, alert: Alert, actor: Any, note: str) -> Alert:
    note = _require_reason(note, column="note")
    if alert.status == AlertStatus.RESOLVED:
        raise InputError(_("this alert is already resolved"))
    alert.status = AlertStatus.RESOLVED
    alert.resolved_at = timezone.now()
    alert.resolved_by = _name(actor)
    alert.note = note
    alert.save(update_fields=["status", "resolved_at", "resolved_by", "note"])
    event_record(
        actor=actor,
        action=OversightAction.ALERT_RESOLVED,
        subject=f"alert:{alert.pk}",
        details={"alert": alert.pk, "note": note},
    )
    return alert


def trail_verification_run(*, actor: Any, anchors: str | None = None) -> TrailVerification:
    """Verify the whole chain and its anchors once, store the result, anchor the head.

    Pages read the stored result. The anchors (``OPENPES_TRAIL_ANCHORS``, or ``anchors``)
    catch a cut tail or a trail written anew; after an intact check the head is anchored,
    so the next check catches what is cut from now on.
    """
    store = anchor_store(anchors)
    # A malformed anchor store is an error before the long walk.
    check = anchors_check(store) if store is not None else None
    report = trail_verify()
    intact, first_bad, problem = report.intact, report.first_bad, report.problem or ""
    if intact and check is not None and not check.ok:
        intact, first_bad, problem = False, check.position, check.problem
    with transaction.atomic():
        verification = TrailVerification.objects.create(
            verified_at=timezone.now(),
            verified_by=_name(actor),
            intact=intact,
            checked=report.checked,
            first_bad=first_bad,
            problem=problem,
            head_hash=report.head_hash or "",
        )
        event_record(
            actor=actor,
            action=OversightAction.TRAIL_VERIFIED,
            subject="trail",
            details={"intact": intact, "checked": report.checked, "first_bad": first_bad},
        )
    if intact and store is not None:
        trail_anchor(store)
    return verification


@transaction.atomic(savepoint=False)  # one transaction with the page's shown set
def suggestions_record_shown(
    *, actor: Any, jobseeker: JobSeeker, page: str, rows: list[dict[str, Any]]
) -> int:
    """Log what the matching engine showed, once a day per person and vacancy (Art. 12).

    ``rows`` hold ``vacancy_id``, ``rank``, ``score``, ``salary_eur`` and ``distance_km``
    as the server computed them.
    """
    now = timezone.now()
    since = now - timezone.timedelta(days=1)
    seen = set(
        SuggestionShown.objects.filter(jobseeker=jobseeker, shown_at__gte=since).values_list(
            "vacancy_id", flat=True
        )
    )
    user = actor if getattr(actor, "is_authenticated", False) else None
    new = [
        SuggestionShown(jobseeker=jobseeker, shown_to=user, page=page, shown_at=now, **row)
        for row in rows
        if row["vacancy_id"] not in seen
    ]
    SuggestionShown.objects.bulk_create(new)
    return len(new)
