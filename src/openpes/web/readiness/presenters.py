"""Readiness results, ready for a page: frozen views built from core results and ORM rows.

This is the seam between the readiness pages and the analytics core (as
``counselling/suggestions.py`` is for matching): every call into ``openpes.readiness``
that a page needs happens here, and each view holds exactly what its template shows,
already in the reader's language. Views and templates never reach into core results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from openpes import readiness as core
from openpes.web.readiness.enums import SizeBand
from openpes.web.readiness.models import Assessment, Respondent

# --- Results (the detail page) -------------------------------------------------------------


@dataclass(frozen=True)
class DimensionRow:
    title: str
    score: float
    low: float
    high: float
    unknown: int


@dataclass(frozen=True)
class GroupRow:
    title: str
    scores: tuple[float, ...]


@dataclass(frozen=True)
class DisagreementView:
    question: str
    levels: tuple[tuple[str, float], ...]
    leadership_front_line: bool


@dataclass(frozen=True)
class ResultView:
    """What the results partial shows: level, scores, chart, voices, gates and risk."""

    level: int
    level_name: str
    level_sentence: str
    score: float
    low: float
    high: float
    radar: SafeString
    dimensions: tuple[DimensionRow, ...]
    group_labels: tuple[str, ...]
    group_rows: tuple[GroupRow, ...]
    disagreements: tuple[DisagreementView, ...]
    leadership_front_line_gaps: int
    gates: tuple[str, ...]
    risk_tier: int
    risk_name: str
    risk_required_level: int
    risk_meets: bool
    risk_shortfalls: tuple[str, ...]


def _radar(result: core.Result, language: str) -> SafeString:
    # The page sizes the chart to its column, so the fixed size of the print report goes.
    svg = core.radar_svg(result, language=language)
    # Built by the core, which escapes every text it puts in the SVG.
    return mark_safe(re.sub(r' width="\d+" height="\d+"', "", svg, count=1))


def result_view(result: core.Result, *, language: str) -> ResultView:
    fw = result.framework
    gates = {g.id: g for g in fw.gates}
    groups = list(result.by_group)
    tier = next(t for t in fw.risk_tiers if t.tier == result.risk.tier)
    return ResultView(
        level=result.level,
        level_name=core.level_name(result.level, language),
        level_sentence=core.level_sentence(result, language),
        score=result.score,
        low=result.low,
        high=result.high,
        radar=_radar(result, language),
        dimensions=tuple(
            DimensionRow(
                title=core.dimension_title(fw, d.dimension_id, language),
                score=d.score,
                low=d.low,
                high=d.high,
                unknown=d.unknown,
            )
            for d in result.dimensions
        ),
        group_labels=tuple(core.localise(fw.group(g).label, language) for g in groups),
        group_rows=tuple(
            GroupRow(
                title=core.dimension_title(fw, d.dimension_id, language),
                scores=tuple(result.by_group[g][k].score for g in groups),
            )
            for k, d in enumerate(result.dimensions)
        ),
        disagreements=tuple(
            DisagreementView(
                question=core.localise(fw.question(d.question_id).text, language),
                levels=tuple(
                    (core.localise(fw.group(g).label, language), level)
                    for g, level in d.levels.items()
                ),
                leadership_front_line=d.leadership_front_line,
            )
            for d in result.disagreements
        ),
        leadership_front_line_gaps=len(result.leadership_front_line_gaps),
        gates=tuple(core.localise(gates[h.gate_id].text, language) for h in result.gates),
        risk_tier=tier.tier,
        risk_name=core.localise(tier.text, language),
        risk_required_level=result.risk.required_level,
        risk_meets=result.risk.meets,
        risk_shortfalls=tuple(
            core.dimension_title(fw, d, language) for d in result.risk.shortfalls
        ),
    )


@dataclass(frozen=True)
class AssessmentRow:
    """One line of the home page's list of assessments."""

    pk: int
    title: str
    started_on: date
    respondents: int
    level: int | None
    level_name: str


def assessment_row(
    assessment: Assessment, result: core.Result | None, *, respondents: int, language: str
) -> AssessmentRow:
    return AssessmentRow(
        pk=assessment.pk,
        title=assessment.title,
        started_on=timezone.localdate(assessment.created_at),
        respondents=respondents,
        level=result.level if result else None,
        level_name=core.level_name(result.level, language) if result else "",
    )


@dataclass(frozen=True)
class RespondentRow:
    """One line of an assessment's respondents: who, how far, and whether you may answer."""

    pk: int
    label: str
    group: str
    answered: int
    total: int
    submitted: bool
    answered_by: str
    can_answer: bool


def respondent_row(
    respondent: Respondent,
    framework: core.Framework,
    *,
    can_answer: bool,
    language: str,
) -> RespondentRow:
    user = respondent.user
    return RespondentRow(
        pk=respondent.pk,
        label=respondent.label,
        group=core.localise(framework.group(respondent.group).label, language),
        answered=len(respondent.answers),
        total=len(framework.questions),
        submitted=respondent.submitted_at is not None,
        answered_by=(user.get_full_name() or user.get_username()) if user is not None else "",
        can_answer=can_answer,
    )


# --- The answer form's step ------------------------------------------------------------------


@dataclass(frozen=True)
class StepLink:
    number: int
    title: str
    current: bool


@dataclass(frozen=True)
class StepView:
    dimension_title: str
    group: str
    step: int
    steps: int
    links: tuple[StepLink, ...]


def step_view(
    framework: core.Framework, respondent: Respondent, *, step: int, language: str
) -> StepView:
    return StepView(
        dimension_title=core.localise(framework.dimensions[step - 1].title, language),
        group=core.localise(framework.group(respondent.group).label, language),
        step=step,
        steps=len(framework.dimensions),
        links=tuple(
            StepLink(number=i + 1, title=core.localise(d.title, language), current=i + 1 == step)
            for i, d in enumerate(framework.dimensions)
        ),
    )


# --- Roadmap ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    text: str
    dimension: str
    question: str
    level: float
    target: int
    unknown: int
    effort: str
    depends_on: tuple[str, ...]
    gate: bool


@dataclass(frozen=True)
class HorizonView:
    name: str
    actions: tuple[ActionView, ...]


def roadmap_view(result: core.Result, *, language: str) -> tuple[HorizonView, ...]:
    """The roadmap's actions by horizon; horizons without actions are left out."""
    fw = result.framework
    plan = core.roadmap(result)
    horizons = []
    for horizon in ("0-6", "6-18", "18-36"):
        actions = plan.horizon(horizon)
        if not actions:
            continue
        horizons.append(
            HorizonView(
                name=core.horizon_name(horizon, language),
                actions=tuple(
                    ActionView(
                        text=core.localise(fw.action(a.action_id).text, language),
                        dimension=core.localise(fw.dimension(a.dimension_id).title, language),
                        question=core.localise(fw.question(a.question_id).text, language),
                        level=a.triggered_by.level,
                        target=a.target,
                        unknown=a.triggered_by.unknown,
                        effort=core.effort_name(a.effort, language),
                        depends_on=tuple(
                            core.localise(fw.action(d).text, language) for d in a.depends_on
                        ),
                        gate=bool(a.triggered_by.gate_ids),
                    )
                    for a in actions
                ),
            )
        )
    return tuple(horizons)


# --- Peer benchmark --------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkRow:
    title: str
    own: float
    quartiles: core.Quartiles | None
    position: str


@dataclass(frozen=True)
class BenchmarkGroupView:
    value: str
    n: int
    rows: tuple[BenchmarkRow, ...]


@dataclass(frozen=True)
class BenchmarkView:
    shown: bool
    contributors: int
    k: int
    groups_shown: bool
    rows: tuple[BenchmarkRow, ...]
    groups: tuple[BenchmarkGroupView, ...]


def _benchmark_rows(
    dims: Sequence[core.DimensionBenchmark], fw: core.Framework, language: str
) -> tuple[BenchmarkRow, ...]:
    return tuple(
        BenchmarkRow(
            title=core.dimension_title(fw, d.dimension_id, language),
            own=d.own,
            quartiles=d.quartiles,
            position=core.position_name(d.position, language) if d.position else "",
        )
        for d in dims
    )


def _group_label(group_by: str | None, value: str) -> str:
    if not value:
        return _("not given")
    if group_by == "size_band" and value in SizeBand.values:
        return str(SizeBand(value).label)
    return value  # regions are the organisations' own words


def benchmark_view(
    result: core.Result,
    shared: Sequence[core.SharedResult],
    *,
    group_by: str | None,
    language: str,
) -> BenchmarkView:
    fw = result.framework
    bench = core.benchmark(result, shared, group_by=group_by)
    return BenchmarkView(
        shown=bench.shown,
        contributors=bench.contributors,
        k=bench.k,
        groups_shown=bench.groups_shown,
        rows=_benchmark_rows(bench.dimensions, fw, language),
        groups=tuple(
            BenchmarkGroupView(
                value=_group_label(group_by, g.value),
                n=g.contributors,
                rows=_benchmark_rows(g.dimensions, fw, language),
            )
            for g in bench.groups or ()
        ),
    )


# --- Comparison with the previous round ------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    title: str
    previous: float
    current: float
    change: float
    clear: bool


@dataclass(frozen=True)
class ComparisonView:
    previous_level: int
    previous_level_name: str
    current_level: int
    current_level_name: str
    rows: tuple[ChangeRow, ...]


def comparison_view(
    previous: core.Result, current: core.Result, *, language: str
) -> ComparisonView:
    comparison = core.compare(previous, current)
    fw = current.framework
    return ComparisonView(
        previous_level=comparison.previous_level,
        previous_level_name=core.level_name(comparison.previous_level, language),
        current_level=comparison.current_level,
        current_level_name=core.level_name(comparison.current_level, language),
        rows=tuple(
            ChangeRow(
                title=core.dimension_title(fw, c.dimension_id, language),
                previous=c.previous,
                current=c.current,
                change=c.change,
                clear=c.clear,
            )
            for c in comparison.dimensions
        ),
    )


# --- Exports ---------------------------------------------------------------------------------

#: Export format -> (content type, file extension).
EXPORTS: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


def export_body(
    result: core.Result,
    shared: Sequence[core.SharedResult],
    *,
    fmt: str,
    language: str,
) -> str:
    """The report (HTML, Markdown), the action plan (CSV) or the answers and scores (JSON)."""
    plan = core.roadmap(result)
    if fmt == "csv":
        return core.to_csv(plan, framework=result.framework, language=language)
    if fmt == "json":
        return core.to_json(result)
    bench = core.benchmark(result, shared)
    render = core.to_html if fmt == "html" else core.to_markdown
    return render(result, roadmap=plan, benchmark=bench, language=language)
