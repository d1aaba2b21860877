"""The roadmap: recommended actions ranked by gap x weight, ordered by dependency."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.readiness._framework import (
    HORIZONS,
    MAX_LEVEL,
    Effort,
    Framework,
    Horizon,
    dependencies,
)
from openpes.readiness._scoring import Result

_ = messages("openpes.readiness")

__all__ = ["PlannedAction", "Roadmap", "Trigger", "roadmap"]

#: Actions that lift a gate-capping question, or a dimension the risk tier requires, come first.
GATE_BOOST = 2.0
RISK_BOOST = 1.5
_EPS = 1e-9


@dataclass(frozen=True)
class Trigger:
    """The answers behind an action: the organisation's level on the question and its range."""

    question_id: str
    level: float
    low: float
    high: float
    known: int
    unknown: int
    gate_ids: tuple[str, ...]  # the gates this action lifts
    risk_requirement: bool


@dataclass(frozen=True)
class PlannedAction:
    """One step of the roadmap."""

    action_id: str
    question_id: str
    dimension_id: str
    target: int
    effort: Effort
    horizon: Horizon
    priority: float
    depends_on: tuple[str, ...]
    triggered_by: Trigger


@dataclass(frozen=True)
class Roadmap:
    """Prioritised actions in the order to carry them out, grouped into horizons."""

    framework_id: str
    framework_version: str
    organisation: str
    actions: tuple[PlannedAction, ...]

    def horizon(self, horizon: Horizon) -> tuple[PlannedAction, ...]:
        """The actions planned for one horizon, in order."""
        return tuple(a for a in self.actions if a.horizon == horizon)


def roadmap(result: Result, *, target: int = MAX_LEVEL) -> Roadmap:
    """Turn a scored assessment into a prioritised, dependency-ordered action plan.

    An action is recommended when the organisation has not fully reached its target level
    on the question (the level reached is the mean of the known answers, rounded down).
    Priority is the number of levels the action closes times the question's weight in the
    overall score, doubled for the step that lifts a gate and raised by half when the
    risk tier requires more of the dimension. An action moves to a later horizon when one
    of its prerequisites is planned later, and the actions are listed horizon by horizon,
    prerequisites first (each as urgent as the most urgent action it unlocks) and
    otherwise by priority.

    Parameters
    ----------
    result:
        A scored assessment.
    target:
        The level to plan for on every question (1-4).

    Returns
    -------
    Roadmap

    Examples
    --------
    >>> from openpes.readiness import Assessment, Respondent, score
    >>> one = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership"),))
    >>> plan = roadmap(score(one))
    >>> plan.actions[0].horizon
    '0-6'
    """
    framework = result.framework
    if not 1 <= target <= MAX_LEVEL:
        raise InputError(
            _("target must be a level 1-{max}, got {target}").format(max=MAX_LEVEL, target=target)
        )
    weight = _question_weights(framework)
    below = {g.id: g.below for g in framework.gates}
    gates: dict[str, list[str]] = {}
    for hit in result.gates:
        gates.setdefault(hit.question_id, []).append(hit.gate_id)
    risk_dims = set(result.risk.shortfalls)
    planned: dict[str, tuple[float, Trigger]] = {}
    for q_score in result.questions:
        question = framework.question(q_score.question_id)
        reached = math.floor(q_score.level + _EPS)
        previous = reached
        for action in question.actions:
            if action.target <= reached or previous >= target:
                continue
            # Only the step that crosses a gate's threshold lifts that gate.
            lifted = tuple(
                g for g in gates.get(question.id, ()) if previous < below[g] <= action.target
            )
            trigger = Trigger(
                question_id=question.id,
                level=q_score.level,
                low=q_score.low,
                high=q_score.high,
                known=q_score.known,
                unknown=q_score.unknown,
                gate_ids=lifted,
                risk_requirement=question.dimension_id in risk_dims,
            )
            closes = min(action.target, target) - previous
            previous = action.target
            priority = closes * weight[question.id]
            if trigger.gate_ids:
                priority *= GATE_BOOST
            if trigger.risk_requirement:
                priority *= RISK_BOOST
            planned[action.id] = (round(priority, 9), trigger)
    deps = {
        a: tuple(d for d in ds if d in planned)
        for a, ds in dependencies(framework).items()
        if a in planned
    }
    horizon = _horizons(framework, deps)
    order = _order(deps, horizon, {a: p for a, (p, _) in planned.items()})
    actions = []
    for action_id in order:
        action = framework.action(action_id)
        priority, trigger = planned[action_id]
        actions.append(
            PlannedAction(
                action_id=action_id,
                question_id=action.question_id,
                dimension_id=framework.question(action.question_id).dimension_id,
                target=action.target,
                effort=action.effort,
                horizon=horizon[action_id],
                priority=priority,
                depends_on=deps[action_id],
                triggered_by=trigger,
            )
        )
    return Roadmap(
        framework_id=result.framework_id,
        framework_version=result.framework_version,
        organisation=result.organisation,
        actions=tuple(actions),
    )


def _question_weights(framework: Framework) -> dict[str, float]:
    """Each question's share of the overall score (shares sum to 1)."""
    total = sum(d.weight for d in framework.dimensions)
    weights = {}
    for d in framework.dimensions:
        q_total = sum(q.weight for q in d.questions)
        for q in d.questions:
            weights[q.id] = d.weight / total * q.weight / q_total
    return weights


def _horizons(framework: Framework, deps: dict[str, tuple[str, ...]]) -> dict[str, Horizon]:
    """Declared horizons, pushed later when a prerequisite is planned later."""
    rank: dict[str, int] = {}

    def visit(action_id: str) -> int:
        if action_id not in rank:
            own = HORIZONS.index(framework.action(action_id).horizon)
            rank[action_id] = max([own, *(visit(d) for d in deps[action_id])])
        return rank[action_id]

    for action_id in deps:
        visit(action_id)
    return {a: HORIZONS[r] for a, r in rank.items()}


def _order(
    deps: dict[str, tuple[str, ...]], horizon: dict[str, Horizon], priority: dict[str, float]
) -> list[str]:
    """Kahn's topological order, taking the earliest horizon and highest priority first."""
    waiting = {a: set(ds) for a, ds in deps.items()}
    dependants: dict[str, list[str]] = {a: [] for a in deps}
    for a, ds in deps.items():
        for d in ds:
            dependants[d].append(a)

    # A prerequisite is as urgent as the most urgent action it unlocks.
    urgency: dict[str, float] = {}

    def urgent(a: str) -> float:
        if a not in urgency:
            urgency[a] = max([priority[a], *(urgent(n) for n in dependants[a])])
        return urgency[a]

    def key(a: str) -> tuple[int, float, str]:
        return (HORIZONS.index(horizon[a]), -urgent(a), a)

    ready = [key(a) for a, ds in waiting.items() if not ds]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        *_, current = heapq.heappop(ready)
        order.append(current)
        for nxt in dependants[current]:
            waiting[nxt].discard(current)
            if not waiting[nxt]:
                heapq.heappush(ready, key(nxt))
    return order
