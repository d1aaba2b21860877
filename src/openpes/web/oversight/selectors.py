"""Reads for oversight. The pause state is read from the database on every request, so a
pause holds in every worker from the next request on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import DatabaseError
from django.db.models import Q, QuerySet
from django.utils import timezone

from openpes.web.accounts.models import Team
from openpes.web.oversight.enums import AlertStatus
from openpes.web.oversight.models import (
    AISystem,
    Alert,
    MonitorRecord,
    MonitorRun,
    SystemPause,
    TrailVerification,
)
from openpes.web.trail.models import AuditEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PauseState:
    """Whether a system is paused for someone, and the pause that says so (if it could be read)."""

    paused: bool
    pause: SystemPause | None = None


def team_of_user(user: Any) -> Team | None:
    """The team a counsellor works in (``None`` for anyone outside a team)."""
    membership = getattr(user, "team_membership", None) if user is not None else None
    try:
        return membership.team if membership is not None else None
    except Team.DoesNotExist:  # pragma: no cover - a membership always has a team
        return None


def pause_state(system_key: str, *, team: Team | None) -> PauseState:
    """Is ``system_key`` paused for the whole service or for ``team``?

    Fails safe: if the state cannot be read, the system counts as paused.
    """
    scope = Q(team__isnull=True) | Q(team=team) if team is not None else Q(team__isnull=True)
    try:
        pause = (
            SystemPause.objects.filter(scope, system__key=system_key, resumed_at__isnull=True)
            .select_related("team")
            .order_by("team_id", "-paused_at")
            .first()
        )
    except DatabaseError:
        logger.exception("could not read the pause state of %s; treating it as paused", system_key)
        return PauseState(paused=True)
    return PauseState(paused=pause is not None, pause=pause)


def paused_for(system_key: str, *, user: Any = None, jobseeker: Any = None) -> PauseState:
    """The pause state that applies on a page: the team is the job seeker's counsellor's
    team when a job seeker is given, else the signed-in user's own team."""
    counsellor = getattr(jobseeker, "counsellor", None) if jobseeker is not None else user
    team = team_of_user(counsellor)
    # Once per request: the pauses in force for the team are read in one query and kept on
    # the request's user object (a new one each request), so every request reads afresh and
    # a pause holds in every worker from the next request on.
    holder = user if user is not None else counsellor
    key = team.pk if team is not None else None
    memo = getattr(holder, "_openpes_pauses", None) if holder is not None else None
    if memo is None or memo[0] != key:
        states = _pauses_in_force(team)
        if states is None:  # unreadable: paused, and read again at the next call
            return PauseState(paused=True)
        memo = (key, states)
        if holder is not None:
            holder._openpes_pauses = memo
    pause = memo[1].get(system_key)
    return PauseState(paused=pause is not None, pause=pause)


def _pauses_in_force(team: Team | None) -> dict[str, SystemPause] | None:
    """Per system key, the pause ``pause_state`` would pick; ``None`` if it cannot be read."""
    scope = Q(team__isnull=True) | Q(team=team) if team is not None else Q(team__isnull=True)
    try:
        pauses = list(
            SystemPause.objects.filter(scope, resumed_at__isnull=True)
            .select_related("team", "system")
            .order_by("team_id", "-paused_at")
        )
    except DatabaseError:
        logger.exception("could not read the pause state; treating every system as paused")
        return None
    states: dict[str, SystemPause] = {}
    for pause in pauses:
        states.setdefault(pause.system.key, pause)
    return states


def system_list() -> QuerySet[AISystem]:
    return AISystem.objects.order_by("key")


def system_get(key: str) -> AISystem | None:
    return AISystem.objects.filter(key=key).first()


def active_pauses(*, system: AISystem) -> QuerySet[SystemPause]:
    return system.pauses.filter(resumed_at__isnull=True).select_related("team", "alert")


def pause_history(*, system: AISystem, limit: int = 20) -> QuerySet[SystemPause]:
    return system.pauses.select_related("team").order_by("-paused_at")[:limit]


def alert_list(*, open_only: bool = True, system_key: str = "") -> QuerySet[Alert]:
    alerts = Alert.objects.order_by("-raised_at")
    if open_only:
        alerts = alerts.exclude(status=AlertStatus.RESOLVED)
    if system_key:
        alerts = alerts.filter(system_key=system_key)
    return alerts


def alert_get(pk: int) -> Alert | None:
    return Alert.objects.filter(pk=pk).first()


def latest_run() -> MonitorRun | None:
    return MonitorRun.objects.order_by("-ran_at").first()


def run_records(*, run: MonitorRun, system_key: str = "") -> QuerySet[MonitorRecord]:
    records = run.records.filter(team="").defer("documents", "result")
    return records.filter(system_key=system_key) if system_key else records


def team_records(*, team: str) -> list[MonitorRecord]:
    """The human-decision monitor of one team in the latest run that computed it."""
    latest = (
        MonitorRecord.objects.filter(team=team, monitor="human_decisions")
        .order_by("-run__ran_at")
        .values_list("run_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(
        MonitorRecord.objects.filter(run_id=latest, team=team, monitor="human_decisions")
        .select_related("run")
        .order_by("system_key")
    )


def monitor_record_get(pk: int) -> MonitorRecord | None:
    return MonitorRecord.objects.select_related("run").filter(pk=pk).first()


def monitor_trend(*, system_key: str, monitor: str, limit: int = 12) -> list[MonitorRecord]:
    """The same monitor in earlier runs, oldest first: the period-over-period trend."""
    records = (
        MonitorRecord.objects.filter(system_key=system_key, monitor=monitor, team="")
        .select_related("run")
        .defer("documents", "result")
        .order_by("-run__ran_at")[:limit]
    )
    return list(reversed(records))


def latest_verification() -> TrailVerification | None:
    return TrailVerification.objects.order_by("-verified_at").first()


def trail_events(
    *,
    action: str = "",
    actor: str = "",
    subject: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Trail events, newest first, filtered by action (prefix), person, subject and dates."""
    events = AuditEvent.objects.order_by("-position")
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor=actor)
    if subject:
        events = events.filter(subject__startswith=subject)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events


def trail_event_get(position: int) -> AuditEvent | None:
    return AuditEvent.objects.filter(position=position).first()


#: The register names systems with a hyphen ("support-needs"); the oversight keys use "_".
def _system_key(register_system: str) -> str:
    return register_system.replace("-", "_")


def register_facts(*, system: str) -> dict[str, Any]:
    """What the register's live fields read from oversight (see ``register/live.py``)."""
    key = _system_key(system)
    run = latest_run()
    verdicts = (
        [
            (r.monitor, r.verdict, timezone.localdate(run.ran_at).isoformat())
            for r in run_records(run=run, system_key=key)
        ]
        if run is not None
        else []
    )
    open_alerts = Alert.objects.filter(system_key=key).exclude(status=AlertStatus.RESOLVED)
    pauses = SystemPause.objects.filter(system__key=key)
    worst = next(
        (v for v in ("fail", "warn", "insufficient", "pass") if v in {x[1] for x in verdicts}),
        None,
    )
    return {
        "monitor_verdicts": verdicts,
        "open_alerts": open_alerts.count(),
        "alert_monitors": sorted(set(open_alerts.values_list("monitor", flat=True))),
        "pauses": pauses.count(),
        "paused": pauses.filter(resumed_at__isnull=True, team__isnull=True).exists(),
        "latest_audit": (timezone.localdate(run.ran_at).isoformat(), worst)
        if run and worst
        else None,
    }
