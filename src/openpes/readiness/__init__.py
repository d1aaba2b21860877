"""Organisational readiness for AI: a PES self-assessment with evidence-based levels.

A versioned framework file (dimensions, questions with five evidence levels, weights,
actions, gates and a separate risk questionnaire, in the ten languages) drives the scoring.
Several respondents per organisation give several voices; "don't know" widens the score
intervals; gates cap the maturity level; the roadmap ranks actions by gap x weight and
orders them by dependency; peers compare anonymously above a k-anonymity threshold.

Examples
--------
>>> from openpes.readiness import demo_organisations, roadmap, score
>>> result = score(demo_organisations()[0])
>>> 1 <= result.level <= 5 and 0 <= result.low <= result.score <= result.high <= 100
True
"""

from openpes.readiness._assessment import (
    DONT_KNOW,
    Answer,
    Assessment,
    Respondent,
    validate_assessment,
)
from openpes.readiness._benchmark import (
    MIN_CONTRIBUTORS,
    Benchmark,
    DimensionBenchmark,
    GroupBenchmark,
    Quartiles,
    SharedResult,
    benchmark,
    share,
)
from openpes.readiness._compare import Change, Comparison, compare
from openpes.readiness._demo import demo_organisations
from openpes.readiness._framework import (
    Action,
    Dimension,
    Framework,
    Gate,
    Question,
    RespondentGroup,
    RiskOption,
    RiskQuestion,
    RiskTier,
    load_framework,
    localise,
)
from openpes.readiness._labels import (
    dimension_title,
    effort_name,
    horizon_name,
    level_name,
    level_sentence,
    position_name,
)
from openpes.readiness._radar import radar_figure, radar_svg
from openpes.readiness._report import report_document, to_csv, to_html, to_markdown
from openpes.readiness._roadmap import PlannedAction, Roadmap, Trigger, roadmap
from openpes.readiness._scoring import (
    DimensionScore,
    Disagreement,
    GateHit,
    QuestionScore,
    Result,
    RiskResult,
    score,
)
from openpes.readiness._storage import export_json, from_json, load_json, template, to_json

__all__ = [
    "DONT_KNOW",
    "MIN_CONTRIBUTORS",
    "Action",
    "Answer",
    "Assessment",
    "Benchmark",
    "Change",
    "Comparison",
    "Dimension",
    "DimensionBenchmark",
    "DimensionScore",
    "Disagreement",
    "Framework",
    "Gate",
    "GateHit",
    "GroupBenchmark",
    "PlannedAction",
    "Quartiles",
    "Question",
    "QuestionScore",
    "Respondent",
    "RespondentGroup",
    "Result",
    "RiskOption",
    "RiskQuestion",
    "RiskResult",
    "RiskTier",
    "Roadmap",
    "SharedResult",
    "Trigger",
    "benchmark",
    "compare",
    "demo_organisations",
    "dimension_title",
    "effort_name",
    "export_json",
    "from_json",
    "horizon_name",
    "level_name",
    "level_sentence",
    "load_framework",
    "load_json",
    "localise",
    "position_name",
    "radar_figure",
    "radar_svg",
    "report_document",
    "roadmap",
    "score",
    "share",
    "template",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "validate_assessment",
]
