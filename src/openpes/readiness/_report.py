"""Markdown and CSV exports of a result, its roadmap and its benchmark."""

from __future__ import annotations

import csv
import io

from openpes.readiness._benchmark import OVERALL, Benchmark
from openpes.readiness._framework import HORIZONS, Framework, localise
from openpes.readiness._labels import effort_name, gettext, horizon_name, level_name, position_name
from openpes.readiness._roadmap import Roadmap
from openpes.readiness._scoring import Result

__all__ = ["to_csv", "to_markdown"]


def _num(value: float) -> str:
    return f"{value:.0f}"


def dimension_title(framework: Framework, dimension_id: str, language: str) -> str:
    """A dimension's title, or the translated word "overall"."""
    if dimension_id == OVERALL:
        _ = gettext(language)
        return _("Overall")
    return localise(framework.dimension(dimension_id).title, language)


def level_sentence(result: Result, language: str) -> str:
    """The maturity level in words, with its range when "don't know" answers leave one."""
    _ = gettext(language)
    name = level_name(result.level, language)
    if result.level_low == result.level_high:
        return _("Maturity level {level} of 5: {name}.").format(level=result.level, name=name)
    return _("Maturity level {level} of 5: {name} (could be {low} to {high}).").format(
        level=result.level, name=name, low=result.level_low, high=result.level_high
    )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


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
    _ = gettext(language)
    fw = result.framework
    out = [f"# {localise(fw.title, language)}: {result.organisation}", ""]
    out.append(
        _("Framework {id} version {version}; {n} respondents; date: {date}.").format(
            id=fw.id, version=fw.version, n=result.respondents, date=result.date or "-"
        )
    )
    out += ["", f"## {_('Overall maturity')}", ""]
    out.append(
        _(
            'Overall score {score} out of 100 (between {low} and {high} given the "don\'t know" answers).'  # noqa: E501
        ).format(score=_num(result.score), low=_num(result.low), high=_num(result.high))
    )
    out.append("")
    out.append(level_sentence(result, language))
    if result.gates:
        out += ["", f"### {_('Gates applied')}", ""]
        out += [
            f"- {localise(fw.gates[[g.id for g in fw.gates].index(h.gate_id)].text, language)}"
            for h in result.gates
        ]
    out += ["", f"## {_('Risk of the planned use')}", ""]
    tier = next(t for t in fw.risk_tiers if t.tier == result.risk.tier)
    out.append(
        _(
            "Risk tier {tier} ({name}), {points} points; it requires maturity level {required}."
        ).format(
            tier=tier.tier,
            name=localise(tier.text, language),
            points=result.risk.points,
            required=result.risk.required_level,
        )
    )
    out.append("")
    out.append(_("Requirement met.") if result.risk.meets else _("Requirement not met."))
    if result.risk.shortfalls:
        out.append("")
        out.append(
            _("Dimensions below what this risk tier requires: {dims}.").format(
                dims="; ".join(dimension_title(fw, d, language) for d in result.risk.shortfalls)
            )
        )
    if result.risk.unanswered:
        out.append("")
        out.append(_("Unanswered risk questions count as the riskiest answer."))
    out += ["", f"## {_('Dimensions')}", ""]
    out += _table(
        [_("Dimension"), _("Score"), _("Interval"), _("Don't know or unanswered")],
        [
            [
                dimension_title(fw, d.dimension_id, language),
                _num(d.score),
                f"{_num(d.low)}–{_num(d.high)}",
                str(d.unknown),
            ]
            for d in result.dimensions
        ],
    )
    if result.by_group:
        groups = list(result.by_group)
        out += ["", f"## {_('By respondent group')}", ""]
        out += _table(
            [_("Dimension")] + [localise(fw.group(g).label, language) for g in groups],
            [
                [dimension_title(fw, d.dimension_id, language)]
                + [_num(result.by_group[g][k].score) for g in groups]
                for k, d in enumerate(result.dimensions)
            ],
        )
    out += ["", f"## {_('Where respondents disagree')}", ""]
    if not result.disagreements:
        out.append(_("No question where respondent groups are two levels or more apart."))
    if result.leadership_front_line_gaps:
        out.append(
            _(
                "Leadership and the front line are two levels or more apart on {n} question(s): this gap is itself a finding."  # noqa: E501
            ).format(n=len(result.leadership_front_line_gaps))
        )
        out.append("")
    for d in result.disagreements:
        voices = ", ".join(
            f"{localise(fw.group(g).label, language)} {level:.1f}" for g, level in d.levels.items()
        )
        out.append(f"- {localise(fw.question(d.question_id).text, language)} ({voices})")
    if roadmap is not None:
        out += ["", f"## {_('Roadmap')}", ""]
        if not roadmap.actions:
            out.append(_("No action needed: every question is at the target level."))
        number = 0
        for horizon in HORIZONS:
            actions = roadmap.horizon(horizon)
            if not actions:
                continue
            out += [f"### {horizon_name(horizon, language)}", ""]
            rows = []
            for a in actions:
                number += 1
                trigger = a.triggered_by
                rows.append(
                    [
                        str(number),
                        localise(fw.action(a.action_id).text, language),
                        effort_name(a.effort, language),
                        _("{question}: level {level:.1f} (target {target})").format(
                            question=trigger.question_id, level=trigger.level, target=a.target
                        ),
                        ", ".join(a.depends_on) or "-",
                    ]
                )
            out += _table(
                [_("#"), _("Action"), _("Effort"), _("Triggered by"), _("Depends on")], rows
            )
            out.append("")
    if benchmark is not None:
        out += ["", f"## {_('Peer benchmark')}", ""]
        out += _benchmark_markdown(benchmark, fw, language)
    return "\n".join(out).rstrip() + "\n"


def _benchmark_markdown(bench: Benchmark, fw: Framework, language: str) -> list[str]:
    _ = gettext(language)
    if not bench.shown:
        return [
            _(
                "Fewer than {k} organisations have shared their scores, so only your own scores are shown."  # noqa: E501
            ).format(k=bench.k),
            "",
        ] + _table(
            [_("Dimension"), _("Your score")],
            [
                [dimension_title(fw, d.dimension_id, language), _num(d.own)]
                for d in bench.dimensions
            ],
        )
    out = [_("{n} organisations shared their scores anonymously.").format(n=bench.contributors), ""]
    out += _table(
        [
            _("Dimension"),
            _("Your score"),
            _("First quartile"),
            _("Median"),
            _("Third quartile"),
            _("Where you stand"),
        ],
        [
            [
                dimension_title(fw, d.dimension_id, language),
                _num(d.own),
                _num(d.quartiles.q1),
                _num(d.quartiles.median),
                _num(d.quartiles.q3),
                position_name(d.position, language) if d.position else "-",
            ]
            for d in bench.dimensions
            if d.quartiles is not None
        ],
    )
    if bench.group_by is not None and not bench.groups_shown:
        out += [
            "",
            _(
                "The comparison by group is hidden: at least one group has fewer than {k} organisations."  # noqa: E501
            ).format(k=bench.k),
        ]
    return out


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
