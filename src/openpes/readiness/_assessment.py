"""Assessments: an organisation's respondents, their answers and the planned AI use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.readiness._framework import MAX_LEVEL, Framework

_ = messages("openpes.readiness")

__all__ = ["DONT_KNOW", "Answer", "Assessment", "Respondent", "validate_assessment"]

#: "Don't know": a valid answer, scored as uncertainty (any level 0-4), never as a level.
DONT_KNOW = None
#: An evidence level 0-4, or ``DONT_KNOW``.
Answer = int | None


@dataclass(frozen=True)
class Respondent:
    """One person's answers.

    Parameters
    ----------
    id:
        A pseudonymous respondent id, unique within the assessment (no names needed).
    group:
        The respondent group (``leadership``, ``front_line``, ``it_data``, ...).
    answers:
        Question id to level 0-4, or ``DONT_KNOW``. A question left out is unanswered and,
        like "don't know", widens the interval.
    """

    id: str
    group: str
    answers: Mapping[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True)
class Assessment:
    """One organisation's self-assessment against one framework version.

    Parameters
    ----------
    organisation:
        The organisation's name. It is never part of what is shared with peers.
    respondents:
        The people who answered.
    context:
        The planned AI use: risk question id to option id. Scored apart from maturity.
    region, size_band:
        Optional profile used only to group the anonymous peer benchmark.
    share:
        Whether the organisation opts in to share its anonymous scores with peers.
    date:
        ISO date of the assessment, if known.
    """

    organisation: str
    respondents: tuple[Respondent, ...]
    context: Mapping[str, str] = field(default_factory=dict)
    framework_id: str = "pes-ai-readiness"
    framework_version: str = "1.0"
    region: str | None = None
    size_band: str | None = None
    share: bool = False
    date: str | None = None


def validate_assessment(assessment: Assessment, framework: Framework) -> None:
    """Check an assessment against a framework; raise ``InputError`` naming the problem.

    Examples
    --------
    >>> from openpes.readiness import load_framework
    >>> a = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership"),))
    >>> validate_assessment(a, load_framework())
    """
    where = _("assessment of {organisation}").format(organisation=repr(assessment.organisation))
    if (assessment.framework_id, assessment.framework_version) != (framework.id, framework.version):
        raise InputError(
            _(
                "{where}: answers are for framework {id} {version}, expected {expected_id}"
                " {expected_version}; load the file with load_json to migrate it"
            ).format(
                where=where,
                id=assessment.framework_id,
                version=assessment.framework_version,
                expected_id=framework.id,
                expected_version=framework.version,
            )
        )
    if not assessment.respondents:
        raise InputError(_("{where}: expected at least one respondent").format(where=where))
    questions = {q.id for q in framework.questions}
    groups = {g.id for g in framework.respondent_groups}
    seen: set[str] = set()
    for row, respondent in enumerate(assessment.respondents):
        if respondent.id in seen:
            raise InputError(
                _("{where}: duplicate respondent id {id}").format(
                    where=where, id=repr(respondent.id)
                ),
                row=row,
            )
        seen.add(respondent.id)
        if respondent.group not in groups:
            raise InputError(
                _("{where}: unknown respondent group {group}; expected one of {groups}").format(
                    where=where, group=repr(respondent.group), groups=", ".join(sorted(groups))
                ),
                row=row,
                column="group",
            )
        for question_id, level in respondent.answers.items():
            if question_id not in questions:
                raise InputError(
                    _("{where}: unknown question {question}").format(
                        where=where, question=repr(question_id)
                    ),
                    row=row,
                    column=question_id,
                )
            if level is DONT_KNOW:
                continue
            if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
                raise InputError(
                    _('{where}: expected a level 0-{max} or "don\'t know", got {level}').format(
                        where=where, max=MAX_LEVEL, level=repr(level)
                    ),
                    row=row,
                    column=question_id,
                )
    for question_id, option in assessment.context.items():
        try:
            risk_question = framework.risk_question(question_id)
        except KeyError:
            raise InputError(
                _("{where}: unknown risk question {question}").format(
                    where=where, question=repr(question_id)
                ),
                column=question_id,
            ) from None
        if option not in {o.id for o in risk_question.options}:
            raise InputError(
                _(
                    "{where}: unknown option {option} for {question}; expected one of {options}"
                ).format(
                    where=where,
                    option=repr(option),
                    question=question_id,
                    options=", ".join(o.id for o in risk_question.options),
                ),
                column=question_id,
            )
