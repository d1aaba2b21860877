"""The roadmap: what triggers an action, ranking by gap x weight, dependency order, horizons."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.readiness import Respondent, load_framework, roadmap, score
from openpes.readiness._framework import HORIZONS, dependencies
from tests.core.readiness.conftest import assessment, uniform

FW = load_framework()
QUESTIONS = [q.id for q in FW.questions]


def _check_order(plan):
    position = {a.action_id: i for i, a in enumerate(plan.actions)}
    for a in plan.actions:
        for d in a.depends_on:
            assert position[d] < position[a.action_id], (d, a.action_id)
            dep = plan.actions[position[d]]
            assert HORIZONS.index(dep.horizon) <= HORIZONS.index(a.horizon)
    assert [HORIZONS.index(a.horizon) for a in plan.actions] == sorted(
        HORIZONS.index(a.horizon) for a in plan.actions
    )


def test_nothing_to_do_at_level_four(framework):
    assert roadmap(score(assessment(uniform(framework, 4)))).actions == ()


def test_level_zero_plans_every_action_in_dependency_order(framework):
    plan = roadmap(score(assessment(uniform(framework, 0))))
    assert {a.action_id for a in plan.actions} == {a.id for a in framework.actions}
    _check_order(plan)


def test_only_the_steps_above_the_level_reached_are_planned(framework):
    answers = {q.id: 4 for q in framework.questions} | {"data.quality": 2, "staff.skills": 3}
    plan = roadmap(score(assessment(Respondent("r", "leadership", answers))))
    assert sorted(a.action_id for a in plan.actions) == ["data.quality.4", "staff.skills.4"]
    by_id = {a.action_id: a for a in plan.actions}
    # The triggering answers travel with the action.
    trigger = by_id["data.quality.4"].triggered_by
    assert (trigger.question_id, trigger.level, trigger.known, trigger.unknown) == (
        "data.quality",
        2,
        1,
        0,
    )
    # Prerequisites already reached are not listed.
    assert by_id["data.quality.4"].depends_on == ()


def test_a_mean_level_counts_as_reached_only_when_whole(framework):
    people = [
        Respondent("a", "leadership", {"legal.basis": 2}),
        Respondent("b", "front_line", {"legal.basis": 1}),
    ]
    plan = roadmap(score(assessment(*people)))
    # Mean 1.5: level 2 is not fully reached, so the first legal-basis action stays.
    assert "legal.basis.2" in {a.action_id for a in plan.actions}


def test_priority_is_gap_times_weight(framework):
    answers = {q.id: 4 for q in framework.questions} | {
        "partnerships.vendors": 3,
        "staff.skills": 2,
    }
    plan = roadmap(score(assessment(Respondent("r", "leadership", answers))))
    by_id = {a.action_id: a for a in plan.actions}
    total = sum(d.weight for d in framework.dimensions)

    def share(qid):
        q = framework.question(qid)
        d = framework.dimension(q.dimension_id)
        return d.weight / total * q.weight / sum(x.weight for x in d.questions)

    assert by_id["partnerships.vendors.4"].priority == pytest.approx(
        1 * share("partnerships.vendors")
    )
    assert by_id["staff.skills.4"].priority == pytest.approx(2 * share("staff.skills"))
    assert plan.actions[0].action_id == "staff.skills.4"


def test_gate_questions_are_boosted_and_come_first(framework):
    answers = {q.id: 4 for q in framework.questions} | {
        "legal.basis": 1,
        "partnerships.exchange": 0,
    }
    plan = roadmap(score(assessment(Respondent("r", "leadership", answers))))
    first = plan.actions[0]
    assert first.action_id == "legal.basis.2"
    assert first.triggered_by.gate_ids == ("no-legal-basis",)


def test_a_prerequisite_is_scheduled_before_what_it_unlocks(framework):
    answers = {q.id: 4 for q in framework.questions} | {
        "leadership.owner": 0,
        "legal.governance": 0,
    }
    plan = roadmap(score(assessment(Respondent("r", "leadership", answers))))
    ids = [a.action_id for a in plan.actions]
    assert ids.index("leadership.owner.2") < ids.index("legal.governance.2")
    # The prerequisite inherits the urgency of what it unlocks, so it leads the plan.
    assert ids[0] == "leadership.owner.2"


def test_an_action_waits_for_a_later_prerequisite(framework):
    # data.inventory.4 (declared 6-18) depends on legal.governance.2 (0-6): stays 6-18.
    # monitoring.impact.4 (18-36) depends on implementation.plan.2: stays 18-36.
    deps = dependencies(framework)
    assert "legal.governance.2" in deps["data.inventory.4"]
    plan = roadmap(score(assessment(uniform(framework, 0))))
    by_id = {a.action_id: a for a in plan.actions}
    for a in plan.actions:
        for d in a.depends_on:
            assert HORIZONS.index(by_id[d].horizon) <= HORIZONS.index(a.horizon)


def test_target_limits_the_plan(framework):
    plan = roadmap(score(assessment(uniform(framework, 0))), target=2)
    assert {a.target for a in plan.actions} == {2}
    with pytest.raises(InputError):
        roadmap(score(assessment(uniform(framework, 0))), target=5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from([None, 0, 1, 2, 3, 4]), min_size=len(QUESTIONS), max_size=len(QUESTIONS)
    )
)
def test_any_plan_respects_dependencies_and_horizons(levels):
    answers = dict(zip(QUESTIONS, levels, strict=True))
    result = score(assessment(Respondent("r", "leadership", answers)))
    plan = roadmap(result)
    _check_order(plan)
    planned = {a.action_id for a in plan.actions}
    for q in result.questions:
        reached = int(q.level)
        for action in FW.question(q.question_id).actions:
            assert (action.id in planned) == (action.target > reached)
