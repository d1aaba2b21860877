"""Running every monitor over the live service's records: ``oversight_run``.

The database is read in chunks into Polars (``frames``), ``openpes.oversight`` computes the
monitors, and the run, each monitor's result and the alerts are stored here. A monitor's
report is built from its stored result in a language the first time it is read
(:func:`record_document`), then kept.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils import timezone

from openpes import oversight
from openpes.reports import Document, Table
from openpes.web.accounts.models import Team
from openpes.web.oversight import frames
from openpes.web.oversight.documents import document_to_dict
from openpes.web.oversight.enums import AlertStatus, OversightAction
from openpes.web.oversight.models import AISystem, Alert, MonitorRecord, MonitorRun
from openpes.web.oversight.notify import alerts_mail, auto_pause_mail
from openpes.web.oversight.services import system_pause
from openpes.web.trail.services import event_record


def policy_path() -> Path | None:
    """``OPENPES_OVERSIGHT_POLICY`` names the policy file; without it the shipped one applies."""
    value = os.environ.get("OPENPES_OVERSIGHT_POLICY", "")
    return Path(value) if value else None


def current_policy() -> Any:
    """Load the policy; a malformed file raises InputError and nothing is run with it."""
    path = policy_path()
    return oversight.load_policy(path) if path else oversight.default_policy()


@dataclass
class RunOutcome:
    run: MonitorRun
    result: Any
    new_alerts: list[Alert] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)


def windows(now: datetime, period_days: int) -> tuple[datetime, datetime, datetime, datetime]:
    # The reference window is the same length, just before the period.
    period_end = now
    period_start = now - timedelta(days=period_days)
    return period_start - timedelta(days=period_days), period_start, period_start, period_end


def monitors_compute(
    *,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    team: str | None = None,
    reveal_small_groups: bool = True,
    policy: Any = None,
    engine: str = "polars",
) -> Any:
    """Export the records of both windows and run the core's monitors on them.

    ``engine="spark"``: the export is written as Parquet files and the monitors run on
    Spark DataFrames read from them (local mode unless a Spark session is active).
    """
    inputs = frames.inputs(
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        team=team,
    )
    return _compute(
        inputs,
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        reveal_small_groups=reveal_small_groups,
        policy=policy,
        engine=engine,
    )


def _compute(
    inputs: dict[str, Any],
    *,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    reveal_small_groups: bool,
    policy: Any,
    engine: str,
) -> Any:
    with contextlib.ExitStack() as stack:
        if engine == "spark":
            # Spark reads the Parquet export lazily: the folder lives until the run ends.
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="openpes-oversight-"))
            inputs = frames.to_spark(inputs, Path(folder))
        return _run(
            inputs,
            period_start=period_start,
            period_end=period_end,
            reference_start=reference_start,
            reference_end=reference_end,
            reveal_small_groups=reveal_small_groups,
            policy=policy,
            engine="spark" if engine == "spark" else "polars",
        )


def _run(
    inputs: dict[str, Any],
    *,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    reveal_small_groups: bool,
    policy: Any,
    engine: str,
    monitors: list[str] | None = None,
) -> Any:
    return oversight.run_monitors(
        **inputs,
        monitors=monitors,
        engine=engine,  # type: ignore[arg-type]
        sensitive=list(frames.SENSITIVE),
        policy=policy if policy is not None else current_policy(),
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        reveal_small_groups=reveal_small_groups,
    )


def _monitor_document(full: Any, system: str, monitor: str) -> Any:
    """One monitor's part of the run's document: the lead, its alerts and its section."""
    system_section = next((s for s in full.sections if s.id == system), None)
    if system_section is None:
        return full
    section = next((s for s in system_section.subsections if s.id == f"{system}-{monitor}"), None)
    if section is None:
        return full
    sections = []
    for alerts in (s for s in full.sections if s.id == "alerts"):
        # Alert rows name the system and the monitor in their first two cells.
        blocks = tuple(
            replace(
                b,
                rows=tuple(
                    r for r in b.rows if _cells(r)[:2] == (system_section.title, section.title)
                ),
            )
            if isinstance(b, Table)
            else b
            for b in alerts.blocks
        )
        if any(isinstance(b, Table) and b.rows for b in blocks):
            sections.append(replace(alerts, blocks=blocks))
    sections.append(section)
    return Document(f"{section.title} — {system_section.title}", full.language, sections, full.lead)


def _cells(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(c if isinstance(c, str) else c.text for c in row)


def record_document(
    record: MonitorRecord, language: str, *, codes: bool = True
) -> dict[str, Any] | None:
    """A stored monitor's report in ``language``, built from its stored result on first reading
    and kept (a report formats every figure, so a run builds none; each is built once).

    ``codes``: groups and metrics named with their codes after them, for the oversight officer
    who writes policies with them; ``False`` (the team lead) names them in words only, kept
    under its own key (``fr:words``)."""
    key = language if codes else f"{language}:words"
    if key in record.documents:
        return record.documents[key]
    if not record.result:
        # Runs from before results were stored kept their reports in every language.
        return record.documents.get("en")
    run = record.run
    result = oversight.result_from_data(record.result)
    full = oversight.oversight_document(
        oversight.run_from_results(
            [result],
            period_start=run.period_start,
            period_end=run.period_end,
            reference_start=run.reference_start,
            reference_end=run.reference_end,
            sensitive=tuple(run.result.get("sensitive", ())),
        ),
        language=language,
        codes=codes,
    )
    document = document_to_dict(_monitor_document(full, record.system_key, record.monitor))
    documents = {**record.documents, key: document}
    MonitorRecord.objects.filter(pk=record.pk).update(documents=documents)
    record.documents = documents
    return document


def _monitor_entries(as_dict: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    # The main table and verdict of each monitor; its other tables (by counsellor, trend...)
    # are in the stored result, from which the report is built.
    return {
        (system["id"], entry.get("monitor", entry.get("id", ""))): {
            k: v for k, v in entry.items() if k != "tables"
        }
        for system in as_dict.get("systems", [])
        for entry in system.get("monitors", [])
    }


def _summary(as_dict: dict[str, Any]) -> dict[str, Any]:
    """The run's JSON without the monitors' tables (each record keeps its own)."""
    return {
        **as_dict,
        "systems": [
            {
                **system,
                "monitors": [
                    {"monitor": m.get("monitor"), "verdict": m.get("verdict")}
                    for m in system.get("monitors", [])
                ],
            }
            for system in as_dict.get("systems", [])
        ],
    }


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def oversight_run(
    *,
    period_days: int = 30,
    actor: Any = None,
    now: datetime | None = None,
    mail: bool = True,
    engine: str = "polars",
) -> RunOutcome:
    """Compute every monitor, store the results, raise the new alerts and mail them.

    An alert that is already open (same system, monitor, attribute, group and metric) is
    seen again rather than raised twice; a rule with ``auto_pause`` pauses its system for
    the whole service until a person confirms the pause or resumes.
    """
    now = now or timezone.now()
    policy = current_policy()
    reference_start, reference_end, period_start, period_end = windows(now, period_days)
    spans = {
        "period_start": period_start,
        "period_end": period_end,
        "reference_start": reference_start,
        "reference_end": reference_end,
    }
    inputs = frames.inputs(**spans)
    result = _compute(inputs, **spans, reveal_small_groups=True, policy=policy, engine=engine)
    as_dict = oversight.run_to_dict(result)
    entries = _monitor_entries(as_dict)
    outcome = _store(
        result=result,
        teams=_team_results(inputs, spans=spans, policy=policy),
        as_dict=as_dict,
        entries=entries,
        actor=actor,
        now=now,
        windows=(reference_start, reference_end, period_start, period_end),
    )
    if mail and outcome.new_alerts:
        alerts_mail(alerts=outcome.new_alerts, run=outcome.run)
    if mail and outcome.paused:
        auto_pause_mail(systems=outcome.paused)
    _fria_flags_refresh()
    return outcome


def _team_results(
    inputs: dict[str, Any], *, spans: dict[str, datetime], policy: Any
) -> dict[str, Any]:
    """Each led team's human-decision monitor, small groups suppressed, for its lead's page.

    Computed with the run from the same export (filtered by team in Polars), so the team
    page reads stored records and never computes on page load.
    """
    led = list(
        Team.objects.filter(lead__isnull=False).order_by("name").values_list("name", flat=True)
    )
    out = {}
    for team in led:
        part = {
            name: inputs[name].filter(pl.col("team") == team)
            for name in ("suggestions", "assessments")
        }
        if not any(frame.height for frame in part.values()):
            continue
        out[team] = _run(
            {**part, "outcomes": None},
            **spans,
            reveal_small_groups=False,
            policy=policy,
            engine="polars",
            monitors=["human_decisions"],
        )
    return out


def _fria_flags_refresh() -> None:
    """A new alert on a monitor that a FRIA risk names flags that FRIA (Art. 27(2)).

    The register is optional for oversight (and reads oversight itself), so it is looked up
    at run time rather than imported.
    """
    from django.apps import apps

    if not apps.is_installed("openpes.web.register"):
        return
    from openpes.web.register.models import RegisterRecord
    from openpes.web.register.services import fria_flag_check

    for record in RegisterRecord.objects.all():
        fria_flag_check(record=record)


@transaction.atomic
def _store(
    *,
    result: Any,
    teams: dict[str, Any],
    as_dict: dict[str, Any],
    entries: dict[tuple[str, str], dict[str, Any]],
    actor: Any,
    now: datetime,
    windows: tuple[datetime, datetime, datetime, datetime],
) -> RunOutcome:
    reference_start, reference_end, period_start, period_end = windows
    run = MonitorRun.objects.create(
        ran_at=now,
        ran_by=actor.get_username() if hasattr(actor, "get_username") else str(actor or "system"),
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        result=_summary(as_dict),
    )
    MonitorRecord.objects.bulk_create(
        MonitorRecord(
            run=run,
            system_key=system,
            monitor=monitor.monitor,
            verdict=monitor.verdict,
            data=entries.get((system, monitor.monitor), {}),
            result=oversight.result_to_data(monitor),
        )
        for system, monitors in result.systems.items()
        for monitor in monitors
    )
    # Team records carry no alerts of their own: alerts come from the whole service's run.
    MonitorRecord.objects.bulk_create(
        MonitorRecord(
            run=run,
            system_key=system,
            monitor=monitor.monitor,
            team=team,
            verdict=monitor.verdict,
            result=oversight.result_to_data(monitor),
        )
        for team, team_run in teams.items()
        for system, monitors in team_run.systems.items()
        for monitor in monitors
    )
    still_open = {
        a.key: a for a in Alert.objects.exclude(status=AlertStatus.RESOLVED).filter(run__lt=run)
    }
    outcome = RunOutcome(run=run, result=result)
    for found in result.alerts:
        existing = still_open.get(found.key)
        if existing is not None:
            existing.last_seen_at = now
            existing.save(update_fields=["last_seen_at"])
            continue
        alert = Alert.objects.create(
            run=run,
            system_key=found.system,
            monitor=found.monitor,
            attribute=found.attribute,
            group=found.group,
            metric=found.metric,
            value=_number(found.value),
            low=_number(found.low),
            high=_number(found.high),
            reference_value=_number(found.reference_value),
            verdict=found.verdict,
            rule=str(found.rule)[:300],
            severity=found.severity,
            raised_at=now,
            last_seen_at=now,
        )
        still_open[found.key] = alert
        outcome.new_alerts.append(alert)
        event_record(
            actor=None,
            action=OversightAction.ALERT_RAISED,
            subject=f"alert:{alert.pk}",
            details={
                "system": alert.system_key,
                "monitor": alert.monitor,
                "attribute": alert.attribute,
                "group": alert.group,
                "metric": alert.metric,
                "value": alert.value,
                "verdict": alert.verdict,
                "rule": alert.rule,
            },
        )
        if getattr(found, "auto_pause", False):
            system = AISystem.objects.filter(key=found.system).first()
            already = (
                system is None
                or system.pauses.filter(team__isnull=True, resumed_at__isnull=True).exists()
            )
            if not already:
                system_pause(
                    system=system,
                    actor=None,
                    reason=f"automatic: rule {alert.rule} raised alert {alert.pk}",
                    alert=alert,
                )
                outcome.paused.append(system.key)
    run.new_alerts = len(outcome.new_alerts)
    run.save(update_fields=["new_alerts"])
    event_record(
        actor=actor,
        action=OversightAction.MONITORS_RUN,
        subject=f"monitor_run:{run.pk}",
        details={
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "alerts": len(result.alerts),
            "new_alerts": len(outcome.new_alerts),
        },
    )
    return outcome
