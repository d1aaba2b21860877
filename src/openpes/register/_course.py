"""AI literacy courses (EU AI Act Art. 4), generated from the register record.

A course per AI system says what it does and never does, how to read its output, its
known limits and group gaps (from the live audit), why counsellor-first exists
(automation bias, Art. 14(4)(b)), how to override and how to ask for a pause. Each section
ends with a check question; :func:`course_score` marks the answers on the server, from the
course itself, so a page cannot claim a pass it did not earn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpes.i18n import translator
from openpes.register._live import group_lines, live_texts, percent
from openpes.register._public import MIN_PUBLIC
from openpes.register._record import Record, localised

__all__ = [
    "Course",
    "CourseSection",
    "Question",
    "course_score",
    "literacy_course",
    "oversight_course",
]


@dataclass(frozen=True)
class Question:
    """A check question; ``answer`` is the index of the right option."""

    id: str
    prompt: str
    options: tuple[str, ...]
    answer: int


@dataclass(frozen=True)
class CourseSection:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    question: Question


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    language: str
    sections: tuple[CourseSection, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(s.question for s in self.sections)


def course_score(course: Course, answers: Mapping[str, str | int]) -> float:
    """The share of check questions answered right (answers: question id -> option index).

    Examples
    --------
    >>> from openpes.register import Record
    >>> course = literacy_course(Record("m", {"en": "M"}, {"en": "P"}))
    >>> course_score(course, {q.id: q.answer for q in course.questions})
    1.0
    >>> course_score(course, {})
    0.0
    """
    right = 0
    for question in course.questions:
        given = answers.get(question.id)
        try:
            right += int(given) == question.answer  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return right / len(course.questions) if course.questions else 0.0


def literacy_course(record: Record, *, language: str = "en") -> Course:
    """The course on one AI system, in ``language``.

    Examples
    --------
    >>> from openpes.register import Record
    >>> course = literacy_course(Record("m", {"en": "Matching"}, {"en": "Suggests vacancies"}))
    >>> [s.id for s in course.sections]
    ['purpose', 'output', 'limits', 'automation-bias', 'override', 'pause']
    """
    _ = translator("openpes.register", language).gettext
    name = localised(record.name, language)
    purpose = localised(record.purpose, language)
    never = localised(record.forbidden_uses, language) or "—"
    live = live_texts(record.live, language)
    gaps = [g for g in (record.live.groups if record.live else ()) if g.n >= MIN_PUBLIC]
    worst = max(gaps, key=lambda g: g.false_negative_rate or 0.0, default=None)
    limit_lines = [live["audit"]] + group_lines(record.live, language)[:8]
    if worst is not None:
        limit_lines.append(
            _("The largest share of missed needs is in {group} ({rate}).").format(
                group=f"{worst.attribute} = {worst.group}",
                rate=percent(worst.false_negative_rate, language),
            )
        )
    sections = (
        CourseSection(
            "purpose",
            _("What {name} does").format(name=name),
            (purpose, _("It is never used to: {uses}").format(uses=never)),
            Question(
                "purpose",
                _("What may this system never be used for?"),
                (never, _("Preparing a conversation with a job seeker"), _("Nothing is excluded")),
                0,
            ),
        ),
        CourseSection(
            "output",
            _("How to read its output"),
            (
                _(
                    "The output is a suggestion with its reasons, never a decision. Read the "
                    "reasons: they show which facts about the person moved the result."
                ),
                live["model"],
            ),
            Question(
                "output",
                _("What is the system's output?"),
                (
                    _("A decision that the counsellor carries out"),
                    _("A suggestion with reasons that the counsellor weighs"),
                    _("A score that is final once it is high"),
                ),
                1,
            ),
        ),
        CourseSection(
            "limits",
            _("Known limits and group gaps"),
            tuple(limit_lines),
            Question(
                "limits",
                _("The system is known to be less accurate for some groups. What do you do?"),
                (
                    _("Trust it less for everyone"),
                    _("Ignore it: averages are good enough"),
                    _("Rely on your own assessment and look closer at the person's situation"),
                ),
                2,
            ),
        ),
        CourseSection(
            "automation-bias",
            _("Automation bias and why counsellor first"),
            (
                _(
                    "People tend to follow a machine's output even when it is wrong "
                    "(automation bias). That is why you record your own assessment before "
                    "you see the system's, and give a reason when you decide."
                ),
            ),
            Question(
                "automation-bias",
                _("Why do you give your own assessment first?"),
                (
                    _("So that the system's output does not anchor your judgement"),
                    _("Because the system needs it as an input"),
                    _("To make the meeting shorter"),
                ),
                0,
            ),
        ),
        CourseSection(
            "override",
            _("How to override"),
            (
                _(
                    "You can always decide differently from the system: choose your decision "
                    "and write the reason. Overrides are expected and watched as evidence that "
                    "people decide."
                ),
                live["overrides"],
            ),
            Question(
                "override",
                _("You disagree with the system. What do you do?"),
                (
                    _("Follow it anyway"),
                    _("Decide as you think right and write the reason"),
                    _("Ask the job seeker to decide"),
                ),
                1,
            ),
        ),
        CourseSection(
            "pause",
            _("How to ask for a pause"),
            (
                _(
                    "If the system seems to go wrong for many people, tell an oversight "
                    "officer: they can pause it at once, and the work goes on without it."
                ),
                live["alerts"],
            ),
            Question(
                "pause",
                _("Who can pause the system?"),
                (
                    _("Nobody: it always runs"),
                    _("Only the supplier"),
                    _("An oversight officer, at any time"),
                ),
                2,
            ),
        ),
    )
    return Course(
        id=record.id,
        title=_("AI literacy: {name}").format(name=name),
        language=language,
        sections=sections,
    )


def oversight_course(*, language: str = "en") -> Course:
    """The course an oversight officer completes before they can pause a system.

    Examples
    --------
    >>> len(oversight_course().questions)
    2
    """
    _ = translator("openpes.register", language).gettext
    sections: Sequence[CourseSection] = (
        CourseSection(
            "monitors",
            _("Reading the monitors"),
            (
                _(
                    "Monitors compare error and selection rates between groups on a "
                    "schedule. An alert means a gap beyond the fairness policy, with enough "
                    "people to be sure; small groups are flagged as uncertain, not as fine."
                ),
            ),
            Question(
                "monitors",
                _("A monitor has too few people in a group to conclude. What does it mean?"),
                (
                    _("The group is treated fairly"),
                    _("The evidence is insufficient; look again with more data"),
                    _("The monitor is broken"),
                ),
                1,
            ),
        ),
        CourseSection(
            "pause",
            _("Pausing a system"),
            (
                _(
                    "Pause when the system may present a risk (EU AI Act Art. 26(5)): "
                    "counsellors then work without it, and the provider and the authority "
                    "are informed. Say why; the pause is in the trail."
                ),
            ),
            Question(
                "pause",
                _("When do you pause a system?"),
                (
                    _("When it may present a risk to people"),
                    _("Only after a court decision"),
                    _("Never during office hours"),
                ),
                0,
            ),
        ),
    )
    return Course(
        id="oversight",
        title=_("Oversight course"),
        language=language,
        sections=tuple(sections),
    )
