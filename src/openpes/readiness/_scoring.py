"""Scoring: dimension scores with "don't know" intervals, the maturity level, gates, voices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import numpy.typing as npt
import polars as pl

from openpes.readiness._assessment import Assessment, validate_assessment
from openpes.readiness._framework import MAX_LEVEL, Framework, load_framework

__all__ = [
    "DimensionScore",
    "Disagreement",
    "GateHit",
    "QuestionScore",
    "Result",
    "RiskResult",
    "score",
]

#: Group means this many levels apart are a disagreement worth a conversation.
DISAGREEMENT_LEVELS = 2.0
LEADERSHIP, FRONT_LINE = "leadership", "front_line"
_EPS = 1e-9

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class QuestionScore:
    """The organisation's level on one question (0-4) and its "don't know" interval."""

    question_id: str
    dimension_id: str
    level: float
    low: float
    high: float
    known: int
    unknown: int


@dataclass(frozen=True)
class DimensionScore:
    """A dimension score 0-100 with the interval spanned by "don't know" answers."""

    dimension_id: str
    score: float
    low: float
    high: float
    known: int
    unknown: int


@dataclass(frozen=True)
class GateHit:
    """A gate that capped the overall level."""

    gate_id: str
    question_id: str
    level: float
    cap: int


@dataclass(frozen=True)
class Disagreement:
    """A question on which respondent groups are two levels or more apart."""

    question_id: str
    dimension_id: str
    levels: Mapping[str, float]
    spread: float
    leadership_front_line: bool


@dataclass(frozen=True)
class RiskResult:
    """The risk of the planned use (kept apart from maturity) and what it requires."""

    points: int
    tier: int
    required_level: int
    required_dimensions: Mapping[str, float]
    unanswered: tuple[str, ...]
    shortfalls: tuple[str, ...]
    meets: bool


@dataclass(frozen=True)
class Result:
    """The scored assessment."""

    framework_id: str
    framework_version: str
    organisation: str
    score: float
    low: float
    high: float
    level: int
    level_low: int
    level_high: int
    uncapped_level: int
    gates: tuple[GateHit, ...]
    dimensions: tuple[DimensionScore, ...]
    questions: tuple[QuestionScore, ...]
    by_group: Mapping[str, tuple[DimensionScore, ...]]
    disagreements: tuple[Disagreement, ...]
    risk: RiskResult
    respondents: int
    date: str | None = None
    framework: Framework = field(repr=False, compare=False, default_factory=load_framework)
    assessment: Assessment | None = field(repr=False, compare=False, default=None)

    def dimension(self, dimension_id: str) -> DimensionScore:
        """Return the score of one dimension."""
        return next(d for d in self.dimensions if d.dimension_id == dimension_id)

    def question(self, question_id: str) -> QuestionScore:
        """Return the level of one question."""
        return next(q for q in self.questions if q.question_id == question_id)

    @property
    def leadership_front_line_gaps(self) -> tuple[Disagreement, ...]:
        """Disagreements between leadership and the front line: a finding in themselves."""
        return tuple(d for d in self.disagreements if d.leadership_front_line)

    def to_frame(self) -> pl.DataFrame:
        """Dimension scores as a Polars frame (one row per dimension and respondent group).

        The ``group`` column is ``"all"`` for the whole organisation.
        """
        rows = [("all", d) for d in self.dimensions] + [
            (g, d) for g, dims in self.by_group.items() for d in dims
        ]
        return pl.DataFrame(
            {
                "group": [g for g, _ in rows],
                "dimension": [d.dimension_id for _, d in rows],
                "score": [d.score for _, d in rows],
                "low": [d.low for _, d in rows],
                "high": [d.high for _, d in rows],
                "unknown": [d.unknown for _, d in rows],
            }
        )


def _answer_matrix(assessment: Assessment, framework: Framework) -> FloatArray:
    """Respondents x questions, NaN for "don't know" and unanswered."""
    ids = [q.id for q in framework.questions]
    matrix = np.full((len(assessment.respondents), len(ids)), np.nan)
    position = {qid: j for j, qid in enumerate(ids)}
    for i, respondent in enumerate(assessment.respondents):
        for qid, level in respondent.answers.items():
            if level is not None:
                matrix[i, position[qid]] = level
    return matrix


def _question_levels(matrix: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Point, low and high level per question, and the count of known answers.

    The interval treats every unknown answer as any level 0-4, so each one can only widen
    it. The point is the mean of the known answers; a question nobody could answer earns no
    credit (level 0), since evidence nobody can point to cannot be relied on.
    """
    known = ~np.isnan(matrix)
    n_known = known.sum(axis=0).astype(float)
    n = float(matrix.shape[0])
    total = np.where(known, matrix, 0.0).sum(axis=0)
    low = total / n
    high = (total + MAX_LEVEL * (n - n_known)) / n
    point = np.divide(total, n_known, out=np.zeros_like(total), where=n_known > 0)
    return point, low, high, n_known


def _weights(framework: Framework) -> tuple[FloatArray, FloatArray]:
    """Dimensions x questions weight matrix (rows sum to 1) and normalised dimension weights."""
    questions = framework.questions
    dims = [d.id for d in framework.dimensions]
    w = np.zeros((len(dims), len(questions)))
    for j, q in enumerate(questions):
        w[dims.index(q.dimension_id), j] = q.weight
    w /= w.sum(axis=1, keepdims=True)
    v = np.array([d.weight for d in framework.dimensions])
    return w, v / v.sum()


def _level(points: FloatArray | float, thresholds: tuple[float, ...]) -> npt.NDArray[np.int64]:
    return np.searchsorted(np.asarray(thresholds) - _EPS, np.asarray(points), side="right")


def _dimension_scores(
    matrix: FloatArray, framework: Framework, w: FloatArray
) -> tuple[tuple[DimensionScore, ...], tuple[FloatArray, FloatArray, FloatArray]]:
    point, low, high, n_known = _question_levels(matrix)
    scale = 100.0 / MAX_LEVEL
    # Rounding is monotone, so intervals still nest; it only hides float noise like 24.999...
    d_point, d_low, d_high = (np.round(w @ x * scale, 9) for x in (point, low, high))
    membership = w > 0
    n_answers = matrix.shape[0]
    known = membership.astype(float) @ n_known
    unknown = membership.sum(axis=1) * n_answers - known
    dims = tuple(
        DimensionScore(
            dimension_id=d.id,
            score=float(d_point[k]),
            low=float(d_low[k]),
            high=float(d_high[k]),
            known=int(known[k]),
            unknown=int(unknown[k]),
        )
        for k, d in enumerate(framework.dimensions)
    )
    return dims, (point, low, high)


def _risk(
    assessment: Assessment, framework: Framework, result_level: int, dims: FloatArray
) -> RiskResult:
    points = 0
    unanswered = []
    for q in framework.risk_questions:
        option = assessment.context.get(q.id)
        if option is None:
            # An unknown use is treated as the riskiest, so a blank never lowers the bar.
            unanswered.append(q.id)
            points += q.max_points
        else:
            points += next(o.points for o in q.options if o.id == option)
    tier = [t for t in framework.risk_tiers if t.min_points <= points][-1]
    ids = [d.id for d in framework.dimensions]
    shortfalls = tuple(
        d for d, needed in tier.required_dimensions.items() if dims[ids.index(d)] + _EPS < needed
    )
    return RiskResult(
        points=points,
        tier=tier.tier,
        required_level=tier.required_level,
        required_dimensions=dict(tier.required_dimensions),
        unanswered=tuple(unanswered),
        shortfalls=shortfalls,
        meets=result_level >= tier.required_level and not shortfalls,
    )


def _disagreements(
    matrix: FloatArray, groups: list[str], framework: Framework
) -> tuple[Disagreement, ...]:
    present = sorted(set(groups), key=groups.index)
    labels = np.array(groups)
    with np.errstate(invalid="ignore"):
        means = np.vstack(
            [
                np.divide(
                    np.nansum(matrix[labels == g], axis=0),
                    (~np.isnan(matrix[labels == g])).sum(axis=0),
                    out=np.full(matrix.shape[1], np.nan),
                    where=(~np.isnan(matrix[labels == g])).sum(axis=0) > 0,
                )
                for g in present
            ]
        )
    spread = np.nanmax(np.where(np.isnan(means), -np.inf, means), axis=0) - np.nanmin(
        np.where(np.isnan(means), np.inf, means), axis=0
    )
    found = []
    for j, q in enumerate(framework.questions):
        if not spread[j] >= DISAGREEMENT_LEVELS - _EPS or not np.isfinite(spread[j]):
            continue
        levels = {g: float(means[i, j]) for i, g in enumerate(present) if not np.isnan(means[i, j])}
        pair = any(
            {a, b} == {LEADERSHIP, FRONT_LINE}
            and abs(levels[a] - levels[b]) >= DISAGREEMENT_LEVELS - _EPS
            for a, b in combinations(levels, 2)
        )
        found.append(
            Disagreement(
                question_id=q.id,
                dimension_id=q.dimension_id,
                levels=levels,
                spread=float(spread[j]),
                leadership_front_line=pair,
            )
        )
    return tuple(sorted(found, key=lambda d: (-d.spread, d.question_id)))


def score(assessment: Assessment, *, framework: Framework | None = None) -> Result:
    """Score an assessment: dimensions 0-100 with intervals, the level 1-5, gates and voices.

    Each question's organisation level is the mean of the known answers of all respondents.
    "Don't know" and unanswered questions count as any level 0-4, so the interval spans the
    lowest and highest score the organisation could have; the point score gives a question
    nobody could answer no credit. Dimension scores are weighted means of their questions,
    the overall score a weighted mean of the dimensions. The maturity level comes from the
    overall score and is then capped by any gate whose question is below its threshold.

    Parameters
    ----------
    assessment:
        The answers to score.
    framework:
        The framework the answers follow; the shipped one by default.

    Returns
    -------
    Result

    Examples
    --------
    >>> from openpes.readiness import Assessment, Respondent, load_framework
    >>> fw = load_framework()
    >>> answers = {q.id: 2 for q in fw.questions}
    >>> one = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership", answers),))
    >>> result = score(one)
    >>> result.score, result.level
    (50.0, 3)
    """
    framework = framework or load_framework()
    validate_assessment(assessment, framework)
    matrix = _answer_matrix(assessment, framework)
    w, v = _weights(framework)
    dims, (q_point, q_low, q_high) = _dimension_scores(matrix, framework, w)
    d_point = np.array([d.score for d in dims])
    d_low = np.array([d.low for d in dims])
    d_high = np.array([d.high for d in dims])
    overall, overall_low, overall_high = (round(float(v @ x), 9) for x in (d_point, d_low, d_high))
    thresholds = framework.maturity_thresholds
    uncapped = int(_level(overall, thresholds))
    ids = [q.id for q in framework.questions]
    hits = tuple(
        GateHit(g.id, g.question_id, float(q_point[ids.index(g.question_id)]), g.cap)
        for g in framework.gates
        if q_point[ids.index(g.question_id)] + _EPS < g.below
    )
    cap = min([h.cap for h in hits], default=5)
    level = min(uncapped, cap)
    level_low = min(int(_level(overall_low, thresholds)), cap)
    level_high = min(int(_level(overall_high, thresholds)), cap)
    groups = [r.group for r in assessment.respondents]
    labels = np.array(groups)
    by_group = {
        g.id: _dimension_scores(matrix[labels == g.id], framework, w)[0]
        for g in framework.respondent_groups
        if g.id in groups
    }
    questions = tuple(
        QuestionScore(
            question_id=q.id,
            dimension_id=q.dimension_id,
            level=float(q_point[j]),
            low=float(q_low[j]),
            high=float(q_high[j]),
            known=int((~np.isnan(matrix[:, j])).sum()),
            unknown=int(np.isnan(matrix[:, j]).sum()),
        )
        for j, q in enumerate(framework.questions)
    )
    return Result(
        framework_id=framework.id,
        framework_version=framework.version,
        organisation=assessment.organisation,
        score=overall,
        low=overall_low,
        high=overall_high,
        level=level,
        level_low=level_low,
        level_high=level_high,
        uncapped_level=uncapped,
        gates=hits,
        dimensions=dims,
        questions=questions,
        by_group=by_group,
        disagreements=_disagreements(matrix, groups, framework),
        risk=_risk(assessment, framework, level, d_point),
        respondents=len(assessment.respondents),
        date=assessment.date,
        framework=framework,
        assessment=assessment,
    )
