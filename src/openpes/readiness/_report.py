"""The readiness report as one document (HTML and Markdown), and the action plan as CSV.

:func:`report_document` builds an :class:`openpes.reports.Document` from a result, its
roadmap and its benchmark; :func:`to_html` and :func:`to_markdown` render it with the one
report layer of OpenPES, so the page shell, stylesheet and escaping live there.
"""

from __future__ import annotations

import csv
import io

from openpes import reports
from openpes.i18n import LocalisedText, normalise_language, translator
from openpes.readiness._benchmark import Benchmark
from openpes.readiness._framework import HORIZONS, Framework, localise
from openpes.readiness._labels import (
    dimension_title,
    effort_name,
    gettext,
    horizon_name,
    level_sentence,
    position_name,
)
from openpes.readiness._radar import radar_figure
from openpes.readiness._roadmap import Roadmap
from openpes.readiness._scoring import Result
from openpes.reports import BulletList, Cell, Document, Paragraph, Section, Table

__all__ = ["report_document", "to_csv", "to_html", "to_markdown"]


def _num(value: float) -> Cell:
    return Cell(f"{value:.0f}", numeric=True)


def _maturity(result: Result, language: str) -> Section:
    _ = gettext(language)
    fw = result.framework
    gates = {g.id: g for g in fw.gates}
    subsections = []
    if result.gates:
        subsections.append(
            Section(
                _("Gates applied"),
                (
                    BulletList(
                        tuple(localise(gates[g.gate_id].text, language) for g in result.gates),
                        tone="finding",
                    ),
                ),
            )
        )
    overall = _(
        'Overall score {score} out of 100 (between {low} and {high} given the "don\'t know" answers).'  # noqa: E501
    ).format(score=f"{result.score:.0f}", low=f"{result.low:.0f}", high=f"{result.high:.0f}")
    return Section(
        _("Overall maturity"),
        (Paragraph(level_sentence(result, language)), Paragraph(overall)),
        id="maturity",
        subsections=tuple(subsections),
    )


def _risk(result: Result, language: str) -> Section:
    _ = gettext(language)
    fw = result.framework
    risk = result.risk
    tier = next(t for t in fw.risk_tiers if t.tier == risk.tier)
    sentence = (
        translator("openpes.readiness", language)
        .ngettext(
            "Risk tier {tier} ({name}), {points} point; it requires maturity level {required}.",
            "Risk tier {tier} ({name}), {points} points; it requires maturity level {required}.",
            risk.points,
        )
        .format(
            tier=tier.tier,
            name=localise(tier.text, language),
            points=risk.points,
            required=risk.required_level,
        )
    )
    met = _("Requirement met.") if risk.meets else _("Requirement not met.")
    blocks: list[reports.Block] = [Paragraph(f"{sentence} {met}")]
    if risk.shortfalls:
        dims = "; ".join(dimension_title(fw, d, language) for d in risk.shortfalls)
        blocks.append(
            Paragraph(
                _("Dimensions below what this risk tier requires: {dims}.").format(dims=dims),
                tone="finding",
            )
        )
    if risk.unanswered:
        blocks.append(
            Paragraph(_("Unanswered risk questions count as the riskiest answer."), tone="note")
        )
    return Section(_("Risk of the planned use"), tuple(blocks), id="risk")


def _groups(result: Result, language: str) -> Section:
    _ = gettext(language)
    fw = result.framework
    groups = list(result.by_group)
    table = Table(
        _("Score by dimension and respondent group"),
        (_("Dimension"), *(localise(fw.group(g).label, language) for g in groups)),
        tuple(
            (
                dimension_title(fw, d.dimension_id, language),
                *(_num(result.by_group[g][k].score) for g in groups),
            )
            for k, d in enumerate(result.dimensions)
        ),
    )
    return Section(_("By respondent group"), (table,), id="groups")


def _voices(result: Result, language: str) -> Section:
    _ = gettext(language)
    write_number = LocalisedText("openpes.readiness", language).number
    fw = result.framework
    blocks: list[reports.Block] = []
    if result.leadership_front_line_gaps:
        blocks.append(
            Paragraph(
                translator("openpes.readiness", language)
                .ngettext(
                    "Leadership and the front line are two levels or more apart on {n} question: "
                    "this gap is itself a finding.",
                    "Leadership and the front line are two levels or more apart on {n} questions: "
                    "this gap is itself a finding.",
                    len(result.leadership_front_line_gaps),
                )
                .format(n=len(result.leadership_front_line_gaps)),
                tone="finding",
            )
        )
    if result.disagreements:
        items = []
        for d in result.disagreements:
            voices = ", ".join(
                f"{localise(fw.group(g).label, language)} {write_number(level, 1)}"
                for g, level in d.levels.items()
            )
            items.append(f"{localise(fw.question(d.question_id).text, language)} ({voices})")
        blocks.append(BulletList(tuple(items)))
    else:
        blocks.append(
            Paragraph(_("No question where respondent groups are two levels or more apart."))
        )
    return Section(_("Where respondents disagree"), tuple(blocks), id="voices")


def _roadmap(plan: Roadmap, fw: Framework, language: str) -> Section:
    _ = gettext(language)
    write_number = LocalisedText("openpes.readiness", language).number
    blocks: list[reports.Block] = []
    if not plan.actions:
        blocks.append(Paragraph(_("No action needed: every question is at the target level.")))
    subsections = []
    number = 0
    for horizon in HORIZONS:
        actions = plan.horizon(horizon)
        if not actions:
            continue
        rows: list[tuple[Cell | str, ...]] = []
        for a in actions:
            number += 1
            trigger = a.triggered_by
            rows.append(
                (
                    Cell(str(number), numeric=True),
                    localise(fw.action(a.action_id).text, language),
                    effort_name(a.effort, language),
                    _("{question}: level {level} (target {target})").format(
                        question=trigger.question_id,
                        level=write_number(trigger.level, 1),
                        target=a.target,
                    ),
                    ", ".join(a.depends_on) or "-",
                )
            )
        name = horizon_name(horizon, language)
        table = Table(
            name,
            (_("#"), _("Action"), _("Effort"), _("Triggered by"), _("Depends on")),
            tuple(rows),
        )
        subsections.append(Section(name, (table,)))
    return Section(_("Roadmap"), tuple(blocks), id="roadmap", subsections=tuple(subsections))


def _benchmark(bench: Benchmark, fw: Framework, language: str) -> Section:
    _ = gettext(language)
    if not bench.shown:
        few = (
            translator("openpes.readiness", language)
            .ngettext(
                "Fewer than {k} organisation has shared its scores, so only your own scores are "
                "shown.",
                "Fewer than {k} organisations have shared their scores, so only your own scores "
                "are shown.",
                bench.k,
            )
            .format(k=bench.k)
        )
        own = Table(
            _("Your scores"),
            (_("Dimension"), _("Your score")),
            tuple(
                (dimension_title(fw, d.dimension_id, language), _num(d.own))
                for d in bench.dimensions
            ),
        )
        return Section(_("Peer benchmark"), (Paragraph(few), own), id="benchmark")
    table = Table(
        _("Your scores and the peer distribution"),
        (
            _("Dimension"),
            _("Your score"),
            _("First quartile"),
            _("Median"),
            _("Third quartile"),
            _("Where you stand"),
        ),
        tuple(
            (
                dimension_title(fw, d.dimension_id, language),
                _num(d.own),
                _num(d.quartiles.q1),
                _num(d.quartiles.median),
                _num(d.quartiles.q3),
                position_name(d.position, language) if d.position else "-",
            )
            for d in bench.dimensions
            if d.quartiles is not None
        ),
    )
    contributors = bench.contributors or 0  # always set when the distribution is shown
    blocks: list[reports.Block] = [
        Paragraph(
            translator("openpes.readiness", language)
            .ngettext(
                "{n} organisation shared its scores anonymously.",
                "{n} organisations shared their scores anonymously.",
                contributors,
            )
            .format(n=contributors)
        ),
        table,
    ]
    if bench.group_by is not None and not bench.groups_shown:
        blocks.append(
            Paragraph(
                translator("openpes.readiness", language)
                .ngettext(
                    "The comparison by group is hidden: at least one group has fewer than {k} "
                    "organisation.",
                    "The comparison by group is hidden: at least one group has fewer than {k} "
                    "organisations.",
                    bench.k,
                )
                .format(k=bench.k),
                tone="note",
            )
        )
    return Section(_("Peer benchmark"), tuple(blocks), id="benchmark")


def report_document(
    result: Result,
    *,
    roadmap: Roadmap | None = None,
    benchmark: Benchmark | None = None,
    language: str = "en",
) -> Document:
    """The readiness report as a document: scores, gates, risk, voices, roadmap, benchmark.

    Render it with :func:`openpes.reports.to_html` or :func:`openpes.reports.to_markdown`
    (which :func:`to_html` and :func:`to_markdown` do).

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> doc = report_document(score(demo_organisations()[0]), language="fr")
    >>> doc.language, doc.sections[0].title
    ('fr', 'Maturité globale')
    """
    language = normalise_language(language)
    _ = gettext(language)
    fw = result.framework
    note = (
        translator("openpes.readiness", language)
        .ngettext(
            "Framework {id} version {version}; {n} respondent; date: {date}.",
            "Framework {id} version {version}; {n} respondents; date: {date}.",
            result.respondents,
        )
        .format(id=fw.id, version=fw.version, n=result.respondents, date=result.date or "-")
    )
    sections = [
        _maturity(result, language),
        _risk(result, language),
        Section(_("Dimensions"), (radar_figure(result, language=language),), id="dimensions"),
    ]
    if result.by_group:
        sections.append(_groups(result, language))
    sections.append(_voices(result, language))
    if roadmap is not None:
        sections.append(_roadmap(roadmap, fw, language))
    if benchmark is not None:
        sections.append(_benchmark(benchmark, fw, language))
    return Document(
        _("{framework}: {organisation}").format(
            framework=localise(fw.title, language), organisation=result.organisation
        ),
        language,
        tuple(sections),
        lead=(Paragraph(note, tone="note"),),
        navigation=True,
    )


def to_html(
    result: Result,
    *,
    roadmap: Roadmap | None = None,
    benchmark: Benchmark | None = None,
    language: str = "en",
) -> str:
    """A printable HTML report in one self-contained file (no scripts, no external files).

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> page = to_html(score(demo_organisations()[0]), language="nl")
    >>> '<html lang="nl">' in page
    True
    """
    document = report_document(result, roadmap=roadmap, benchmark=benchmark, language=language)
    return reports.to_html(document)


def to_markdown(
    result: Result,
    *,
    roadmap: Roadmap | None = None,
    benchmark: Benchmark | None = None,
    language: str = "en",
) -> str:
    """A readable Markdown report: scores, gates, risk, voices, roadmap and benchmark.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> report = to_markdown(score(demo_organisations()[0]), language="de")
    >>> report.startswith("# ")
    True
    """
    document = report_document(result, roadmap=roadmap, benchmark=benchmark, language=language)
    return reports.to_markdown(document)


def to_csv(roadmap: Roadmap, *, framework: Framework, language: str = "en") -> str:
    """The action plan as CSV, one row per action in the order to carry them out.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, roadmap as plan, score
    >>> result = score(demo_organisations()[0])
    >>> to_csv(plan(result), framework=result.framework).splitlines()[0].split(",")[:3]
    ['Order', 'Horizon', 'Action id']
    """
    _ = gettext(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            _("Order"),
            _("Horizon"),
            _("Action id"),
            _("Action"),
            _("Dimension"),
            _("Question"),
            _("Current level"),
            _("Target level"),
            _("Effort"),
            _("Priority"),
            _("Depends on"),
            _("Gates"),
        ]
    )
    for number, a in enumerate(roadmap.actions, start=1):
        writer.writerow(
            [
                number,
                horizon_name(a.horizon, language),
                a.action_id,
                localise(framework.action(a.action_id).text, language),
                dimension_title(framework, a.dimension_id, language),
                localise(framework.question(a.question_id).text, language),
                f"{a.triggered_by.level:.2f}",
                a.target,
                effort_name(a.effort, language),
                f"{a.priority:.4f}",
                " ".join(a.depends_on),
                " ".join(a.triggered_by.gate_ids),
            ]
        )
    return buffer.getvalue()
