"""Comparing an assessment with the organisation's previous one."""

from __future__ import annotations

from dataclasses import dataclass

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.readiness._scoring import Result

_ = messages("openpes.readiness")

__all__ = ["Change", "Comparison", "compare"]


@dataclass(frozen=True)
class Change:
    """How one dimension moved. ``clear`` is True when the two intervals do not overlap,
    so the change cannot be explained by "don't know" answers alone."""

    dimension_id: str
    previous: float
    current: float
    change: float
    clear: bool


@dataclass(frozen=True)
class Comparison:
    """The current assessment against the previous one."""

    previous_level: int
    current_level: int
    previous_score: float
    current_score: float
    dimensions: tuple[Change, ...]


def compare(previous: Result, current: Result) -> Comparison:
    """Compare two scored assessments of the same framework version.

    Reload the previous one with ``load_json`` first: it migrates older answers, so the
    two can be compared question for question.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> a, b = (score(x) for x in demo_organisations()[:2])
    >>> len(compare(a, b).dimensions)
    9
    """
    if (previous.framework_id, previous.framework_version) != (
        current.framework_id,
        current.framework_version,
    ):
        raise InputError(
            _(
                "expected two results of the same framework version; reload the older answers"
                " with load_json to migrate them, then score them again"
            )
        )
    changes = tuple(
        Change(
            dimension_id=c.dimension_id,
            previous=p.score,
            current=c.score,
            change=round(c.score - p.score, 9),
            clear=c.low > p.high or c.high < p.low,
        )
        for p, c in zip(previous.dimensions, current.dimensions, strict=True)
    )
    return Comparison(
        previous_level=previous.level,
        current_level=current.level,
        previous_score=previous.score,
        current_score=current.score,
        dimensions=changes,
    )
