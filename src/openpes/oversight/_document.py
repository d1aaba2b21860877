"""The oversight report in the one report layer (``openpes.reports``).

One section per AI system and one subsection per monitor: its verdict, the table of
groups with intervals and comparisons, a bar chart per metric with its data table, the
period-over-period trend, and the monitor's other views.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from openpes.fairness import describe_group
from openpes.i18n import Language
from openpes.oversight._results import Alert, MonitorName, MonitorResult, OversightRun
from openpes.oversight._text import (
    NUMBER_METRICS,
    Texts,
    metric_label,
    monitor_intro,
    monitor_label,
    system_label,
    verdict_label,
)
from openpes.reports import Bar, Block, Cell, Document, Paragraph, Section, Table, bar_chart

__all__ = ["oversight_document"]

#: Groups smaller than this are suppressed outside the oversight role (the privacy rule).
SUPPRESSED_BELOW = 10


def _verdict_cell(verdict: str | None, t: Texts) -> Cell:
    return Cell(verdict_label(verdict, t.gettext), tone=verdict)  # type: ignore[arg-type]


def _group(attribute: str, group: str, t: Texts, *, codes: bool | None = None) -> str:
    # Tables carry the codes for the officer (``t.codes``); charts name groups in words only.
    return describe_group(attribute, group, t.language, codes=t.codes if codes is None else codes)


def _reference(attribute: str, group: str | None, t: Texts) -> str:
    # The reference group is stored as its value alone ("male"): its attribute is the row's.
    return _group(attribute, group, t) if group else "—"


def _metric(metric: str, t: Texts) -> str:
    words = metric_label(metric, t.gettext)
    return f"{words} ({metric})" if t.codes and words != metric else words


def _alert_table(alerts: list[Alert], t: Texts) -> Table:
    _ = t.gettext
    rows = [
        (
            system_label(a.system, _),
            monitor_label(a.monitor, _),
            _group(a.attribute, a.group, t),
            _metric(a.metric, t),
            Cell(t.interval(a.metric, a.value, a.low, a.high), numeric=True),
            Cell(t.value(a.metric, a.reference_value), numeric=True),
            _reference(a.attribute, a.reference_group, t),
            a.rule,
            _verdict_cell(a.verdict, t),
        )
        for a in alerts
    ]
    return Table(
        _("Alerts raised in this period"),
        (
            _("AI system"),
            _("Monitor"),
            _("Group"),
            _("Metric"),
            _("Value (95% interval)"),
            _("Reference value"),
            _("Reference group"),
            _("Rule"),
            _("Verdict"),
        ),
        tuple(rows),
    )


def _main_table(result: MonitorResult, t: Texts) -> Table:
    _ = t.gettext
    table = result.table
    has_period = "reference_period_value" in table.columns
    rows = []
    for row in table.iter_rows(named=True):
        metric = row["metric"]
        difference = t.interval(
            metric, row.get("difference"), row.get("difference_low"), row.get("difference_high")
        )
        cells: list[Cell | str] = [
            _group(row["attribute"], row["group"], t),
            _metric(metric, t),
            Cell(
                t.count(row["n"])
                if not row.get("suppressed") or row["value"] is not None
                else _("suppressed"),
                numeric=True,
            ),
            Cell(t.interval(metric, row["value"], row["low"], row["high"]), numeric=True),
            _reference(row["attribute"], row.get("reference_group"), t),
            Cell(difference, numeric=True),
        ]
        if has_period:
            cells.append(Cell(t.value(metric, row.get("reference_period_value")), numeric=True))
        if "new_categories" in table.columns:
            cells.append(row.get("new_categories") or "—")
        cells.append(_verdict_cell(row.get("verdict"), t))
        rows.append(tuple(cells))
    headers = [
        _("Group"),
        _("Metric"),
        _("People"),
        _("Value (95% interval)"),
        _("Reference group"),
        _("Difference from the reference group (95% interval)"),
    ]
    if has_period:
        headers.append(_("Value in the reference window"))
    if "new_categories" in table.columns:
        headers.append(_("New categories"))
    headers.append(_("Verdict"))
    return Table(_("Groups in the monitored period"), tuple(headers), tuple(rows))


def _charts(result: MonitorResult, t: Texts) -> list[Block]:
    _ = t.gettext
    table = result.table.filter(~pl.col("attribute").str.contains(" × "))
    figures: list[Block] = []
    for metric in table["metric"].unique(maintain_order=True).to_list():
        if metric in NUMBER_METRICS and metric != "auc":
            continue
        part = table.filter(pl.col("metric") == metric)
        bars = [
            Bar(_group(r["attribute"], r["group"], t, codes=False), r["value"], r["low"], r["high"])
            for r in part.iter_rows(named=True)
        ]
        figures.append(bar_chart(metric_label(metric, _), bars, language=t.language))
    return figures


def _trend(result: MonitorResult, t: Texts) -> Table | None:
    _ = t.gettext
    trend = result.tables.get("trend")
    if trend is None or trend.is_empty():
        return None
    trend = trend.filter(~pl.col("attribute").str.contains(" × "))
    periods = sorted(trend["period"].unique().to_list(), key=lambda p: (p != "reference", p))
    wide = trend.pivot(on="period", index=["metric", "attribute", "group"], values="value")
    rows: list[tuple[Cell | str, ...]] = []
    for row in wide.iter_rows(named=True):
        rows.append(
            (
                f"{_metric(row['metric'], t)} — {_group(row['attribute'], row['group'], t)}",
                *(Cell(t.value(row["metric"], row.get(p)), numeric=True) for p in periods),
            )
        )
    headers = [_("Metric and group")] + [
        _("reference window") if p == "reference" else p for p in periods
    ]
    return Table(
        _("Trend by calendar month, against the reference window"), tuple(headers), tuple(rows)
    )


def _means(frame: pl.DataFrame, t: Texts) -> Table:
    _ = t.gettext
    rows = [
        (
            _group(r["attribute"], r["group"], t),
            _metric(r["measure"], t),
            Cell(t.count(r["n"]) if r["n"] is not None else _("suppressed"), numeric=True),
            Cell(
                t.number(r["mean"], 2)
                + (
                    f" ({t.number(r['low'], 2)}–{t.number(r['high'], 2)})"
                    if r["low"] is not None
                    else ""
                ),
                numeric=True,
            ),
        )
        for r in frame.iter_rows(named=True)
    ]
    return Table(
        _("Suggestions received per group: mean score, salary and distance"),
        (_("Group"), _("Measure"), _("Suggestions"), _("Mean (95% interval)")),
        tuple(rows),
    )


def _organisation(frame: pl.DataFrame, caption: str, t: Texts) -> Table:
    _ = t.gettext
    rows = [
        (
            r["group"],
            _metric(r["metric"], t),
            Cell(t.count(r["n"]) if r["value"] is not None else _("suppressed"), numeric=True),
            Cell(t.interval(r["metric"], r["value"], r["low"], r["high"]), numeric=True),
        )
        for r in frame.iter_rows(named=True)
    ]
    return Table(
        caption, (_("Name"), _("Metric"), _("Decisions"), _("Value (95% interval)")), tuple(rows)
    )


def _bins(frame: pl.DataFrame, t: Texts) -> Table:
    _ = t.gettext
    rows = [
        (
            f"{r['feature']}: {r['bin']}",
            Cell(t.percent(r["current"], 1), numeric=True),
            Cell(t.percent(r["reference"], 1), numeric=True),
        )
        for r in frame.iter_rows(named=True)
    ]
    return Table(
        _("Share of each value range, now and in the reference"),
        (_("Feature and range"), _("Monitored period"), _("Reference")),
        tuple(rows),
    )


def _monitor_section(result: MonitorResult, t: Texts) -> Section:
    _ = t.gettext
    blocks: list[Block] = [
        Paragraph(monitor_intro(result.monitor, _)),
        Paragraph(
            _("Verdict: {verdict}. People or cases in the period: {n}.").format(
                verdict=verdict_label(result.verdict, _), n=t.count(result.n)
            ),
            tone=result.verdict,
        ),
    ]
    if result.verdict == "insufficient":
        blocks.append(
            Paragraph(
                _(
                    "Insufficient means the data could not show whether the rule holds: too "
                    "few people, or groups too small for the test to see a gap of the size "
                    "the policy cares about. It is not a pass."
                ),
                tone="note",
            )
        )
    if result.estimated:
        blocks.append(
            Paragraph(
                _(
                    "Estimate: outcomes are not yet known for some people, so their figures "
                    "are estimated from the model's calibrated probabilities (confidence-based "
                    "performance estimation). The estimate is right only if the model is still "
                    "calibrated; realised figures replace it as outcomes arrive."
                ),
                tone="warning",
            )
        )
    if result.note:
        blocks.append(Paragraph(result.note, tone="note"))
    if result.table.height:
        blocks.append(_main_table(result, t))
        blocks.extend(_charts(result, t))
    trend = _trend(result, t)
    if trend is not None:
        blocks.append(trend)
    extra = result.tables
    if "means" in extra and extra["means"].height:
        blocks.append(_means(extra["means"], t))
    for name, caption in (
        ("by_team", _("By team")),
        ("by_counsellor", _("By counsellor")),
    ):
        if name in extra and extra[name].height:
            blocks.append(
                Paragraph(
                    _(
                        "Figures by team and counsellor support coaching and reflection, "
                        "not sanctions."
                    ),
                    tone="note",
                )
            )
            blocks.append(_organisation(extra[name], caption, t))
    if "bins" in extra and extra["bins"].height:
        blocks.append(_bins(extra["bins"], t))
    return Section(
        monitor_label(result.monitor, _),
        tuple(blocks),
        id=f"{result.system}-{result.monitor}",
    )


def _selected(run: OversightRun, monitor: Any) -> dict[str, list[MonitorResult]]:
    if monitor is None:
        return run.systems
    if isinstance(monitor, tuple):
        system, name = monitor
        return {system: [m for m in run.systems.get(system, []) if m.monitor == name]}
    return {s: [m for m in ms if m.monitor == monitor] for s, ms in run.systems.items()}


def oversight_document(
    run: OversightRun,
    *,
    language: Language = "en",
    monitor: tuple[str, MonitorName] | MonitorName | None = None,
    codes: bool = True,
) -> Document:
    """The run as a report document, for :func:`openpes.reports.to_html` or ``to_markdown``.

    Parameters
    ----------
    run
        The result of :func:`run_monitors`.
    language
        ``en``, ``fr``, ``de``, ``nl`` or ``es``.
    monitor
        Limit the document to one monitor of every system (``"anchoring"``) or of one
        system (``("support_needs", "anchoring")``).
    codes
        Follow each group's and metric's name with its codes, ``Women (sex=female)``: the
        oversight officer writes policy files with them. ``False`` for other readers (a team
        lead), who see the names only.

    Examples
    --------
    >>> from datetime import datetime
    >>> from openpes.reports import to_markdown
    >>> run = OversightRun({}, [], datetime(2026, 10, 1), datetime(2026, 11, 1),
    ...                    datetime(2026, 1, 1), datetime(2026, 2, 1))
    >>> print(to_markdown(oversight_document(run, language="fr")).splitlines()[0])
    # Supervision des systèmes d'IA
    """
    t = Texts(language, codes=codes)
    _ = t.gettext
    selected = _selected(run, monitor)
    alerts = [
        a
        for a in run.alerts
        if any(
            a.system == s and any(m.monitor == a.monitor for m in ms) for s, ms in selected.items()
        )
    ]
    lead: list[Block] = [
        Paragraph(
            _(
                "Monitored period: {start} to {end}; reference window: {ref_start} to {ref_end}."
            ).format(
                start=run.period_start.date().isoformat(),
                end=run.period_end.date().isoformat(),
                ref_start=run.reference_start.date().isoformat(),
                ref_end=run.reference_end.date().isoformat(),
            )
        ),
        Paragraph(
            t.ngettext(
                "Protected attributes are used only for these aggregate statistics; no person's "
                "attributes are shown. Groups of fewer than {k} person are suppressed outside "
                "the oversight role.",
                "Protected attributes are used only for these aggregate statistics; no person's "
                "attributes are shown. Groups of fewer than {k} people are suppressed outside "
                "the oversight role.",
                SUPPRESSED_BELOW,
            ).format(k=SUPPRESSED_BELOW)
        ),
    ]
    sections = [
        Section(
            _("Alerts"),
            (_alert_table(alerts, t),)
            if alerts
            else (Paragraph(_("No alert was raised."), tone="pass"),),
            id="alerts",
            reference="AI Act Art. 26(5)",
        )
    ]
    for system, results in selected.items():
        if not results:
            continue
        sections.append(
            Section(
                system_label(system, _),
                (
                    Paragraph(
                        _("Overall verdict: {verdict}.").format(
                            verdict=verdict_label(run.verdict(system), _)
                        ),
                        tone=run.verdict(system),
                    ),
                ),
                id=system,
                reference="AI Act Art. 14(4), 26(5)",
                subsections=tuple(_monitor_section(r, t) for r in results),
            )
        )
    return Document(
        _("Oversight of the AI systems"),
        language,
        tuple(sections),
        lead=tuple(lead),
        navigation=True,
    )
