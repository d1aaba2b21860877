"""The notice for the provider of an AI system (Art. 26(5)): which system, when it was
paused, why, and the evidence, as a report-layer document."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from openpes.reports import Cell, Document, Paragraph, Section, Table
from openpes.web.oversight.models import AISystem
from openpes.web.oversight.selectors import alert_list, latest_run, pause_history, run_records


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "–"


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def provider_notice(*, system: AISystem, language: str) -> Document:
    """Build the notice in the active language (``language`` names it for the renderers)."""
    pauses = list(pause_history(system=system, limit=50))
    pause_rows = [
        (
            _when(p.paused_at),
            p.team.name if p.team else _("whole service"),
            p.paused_by,
            p.reason,
            _when(p.resumed_at) if p.resumed_at else _("still paused"),
            p.resume_reason or "–",
        )
        for p in pauses
    ]
    alerts = list(alert_list(open_only=False, system_key=system.key)[:50])
    alert_rows = [
        (
            _when(a.raised_at),
            a.monitor,
            f"{a.attribute} = {a.group}",
            a.metric,
            Cell(_figure(a.value), numeric=True),
            Cell(f"{_figure(a.low)}–{_figure(a.high)}", numeric=True),
            Cell(_figure(a.reference_value), numeric=True),
            Cell(a.verdict, tone=a.verdict if a.verdict in ("warn", "fail") else None),
            a.rule,
            a.get_status_display(),
        )
        for a in alerts
    ]
    run = latest_run()
    verdicts = (
        [
            (r.monitor, Cell(r.verdict, tone=r.verdict))
            for r in run_records(run=run, system_key=system.key)
        ]
        if run
        else []
    )
    sections = [
        Section(
            _("The system"),
            (
                Table(
                    _("System"),
                    (_("Field"), _("Value")),
                    (
                        (_("Name"), system.label),
                        (_("Identifier"), system.key),
                        (_("Provider"), system.provider),
                        (_("Notice made"), _when(timezone.now())),
                    ),
                ),
            ),
            id="system",
            reference="AI Act Art. 26(5)",
        ),
        Section(
            _("Pauses and resumptions"),
            (
                Table(
                    _("Pauses, newest first"),
                    (
                        _("Paused at"),
                        _("Scope"),
                        _("By"),
                        _("Reason"),
                        _("Resumed"),
                        _("Why resumed"),
                    ),
                    pause_rows,
                )
                if pause_rows
                else Paragraph(_("The system has never been paused.")),
            ),
            id="pauses",
            reference="AI Act Art. 14(4)(e)",
        ),
        Section(
            _("Evidence: alerts of the oversight monitors"),
            (
                Table(
                    _("Alerts, newest first"),
                    (
                        _("Raised"),
                        _("Monitor"),
                        _("Group"),
                        _("Metric"),
                        _("Value"),
                        _("95% interval"),
                        _("Reference"),
                        _("Verdict"),
                        _("Rule"),
                        _("Status"),
                    ),
                    alert_rows,
                )
                if alert_rows
                else Paragraph(_("No alert was raised for this system.")),
            ),
            id="evidence",
        ),
        Section(
            _("Latest monitor verdicts"),
            (
                Table(_("Monitors"), (_("Monitor"), _("Verdict")), verdicts)
                if verdicts
                else Paragraph(_("The monitors have not run yet.")),
            ),
            id="monitors",
        ),
    ]
    return Document(
        _("Notice to the provider: %(system)s") % {"system": system.label},
        language,
        sections,
        lead=(
            Paragraph(
                _(
                    "The deployer informs the provider that it monitored this AI system and, "
                    "where a risk appeared, suspended its use (Regulation (EU) 2024/1689, "
                    "Art. 26(5))."
                )
            ),
        ),
        navigation=True,
    )
