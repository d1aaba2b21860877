"""Scoring: hand-checked values, an independent pandas/numpy computation, and properties."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.readiness import DONT_KNOW, Assessment, Respondent, load_framework, score
from tests.core.readiness.conftest import assessment, uniform

FW = load_framework()
QUESTIONS = [q.id for q in FW.questions]
GROUPS = [g.id for g in FW.respondent_groups]


@pytest.mark.parametrize(
    ("level", "expected_score", "expected_level"), [(0, 0, 1), (2, 50, 3), (4, 100, 5)]
)
def test_uniform_answers_give_the_obvious_score(framework, level, expected_score, expected_level):
    result = score(assessment(uniform(framework, level)))
    assert result.score == pytest.approx(expected_score)
    assert (result.low, result.high) == pytest.approx((expected_score, expected_score))
    assert result.level == expected_level
    assert all(d.score == pytest.approx(expected_score) for d in result.dimensions)


def test_levels_follow_the_declared_thresholds(framework):
    # 1 on every question = 25: level 2 (20 <= 25 < 40); 3 = 75: level 4.
    assert score(assessment(uniform(framework, 1))).uncapped_level == 2
    assert score(assessment(uniform(framework, 3))).level == 4


def test_no_legal_basis_caps_the_level_at_two(framework):
    answers = {q.id: 4 for q in framework.questions} | {"legal.basis": 1}
    result = score(assessment(Respondent("r1", "leadership", answers)))
    # Legal dimension: (2 x 1 + 4 + 4) / (4 x 4 weights) = 62.5; every other dimension 100.
    weights = np.array([d.weight for d in framework.dimensions])
    dims = np.array([62.5 if d.id == "legal" else 100.0 for d in framework.dimensions])
    assert result.dimension("legal").score == pytest.approx(62.5)
    assert result.score == pytest.approx(np.average(dims, weights=weights))
    assert result.uncapped_level == 5
    assert result.level == 2
    assert [g.gate_id for g in result.gates] == ["no-legal-basis"]


def test_the_lowest_cap_wins(framework):
    answers = {q.id: 4 for q in framework.questions} | {"legal.impact": 1, "legal.basis": 0}
    result = score(assessment(Respondent("r1", "leadership", answers)))
    assert {g.gate_id for g in result.gates} == {"no-legal-basis", "no-impact-assessment"}
    assert result.level == 2


def test_dont_know_is_uncertainty_not_a_level(framework):
    known = uniform(framework, 4, "leadership")
    unsure = dataclasses.replace(uniform(framework, DONT_KNOW, "front_line"), id="r2")
    result = score(assessment(known, unsure))
    assert result.score == pytest.approx(100)  # the point uses the known answers
    assert (result.low, result.high) == pytest.approx((50, 100))
    alone = score(assessment(unsure))
    assert (alone.score, alone.low, alone.high) == pytest.approx((0, 0, 100))
    assert alone.dimensions[0].unknown == len(framework.dimensions[0].questions)


def test_unanswered_counts_like_dont_know(framework):
    blank = score(assessment(Respondent("r1", "leadership", {})))
    unsure = score(assessment(uniform(framework, DONT_KNOW)))
    assert (blank.score, blank.low, blank.high) == (unsure.score, unsure.low, unsure.high)


def _random_assessment(rng: np.random.Generator, n: int) -> Assessment:
    choices = np.array([0, 1, 2, 3, 4, -1])  # -1 = don't know
    respondents = []
    for i in range(n):
        levels = rng.choice(choices, size=len(QUESTIONS))
        answers = {q: (None if v < 0 else int(v)) for q, v in zip(QUESTIONS, levels, strict=True)}
        respondents.append(Respondent(f"r{i}", GROUPS[i % len(GROUPS)], answers))
    return assessment(*respondents)


@pytest.mark.parametrize("seed", range(5))
def test_scores_match_an_independent_pandas_computation(seed):
    a = _random_assessment(np.random.default_rng(seed), 6)
    long = pd.DataFrame(
        [(r.id, r.group, q, v) for r in a.respondents for q, v in r.answers.items()],
        columns=["respondent", "group", "question", "level"],
    )
    meta = pd.DataFrame(
        [(q.id, q.dimension_id, q.weight) for q in FW.questions],
        columns=["question", "dimension", "weight"],
    )
    per_q = long.groupby("question")["level"].agg(
        point="mean", low=lambda s: s.fillna(0).mean(), high=lambda s: s.fillna(4).mean()
    )
    per_q = meta.join(per_q, on="question").fillna({"point": 0.0})
    result = score(a)
    for d in FW.dimensions:
        rows = per_q[per_q.dimension == d.id]
        for column, got in (("point", "score"), ("low", "low"), ("high", "high")):
            expected = np.average(rows[column], weights=rows["weight"]) * 25
            assert getattr(result.dimension(d.id), got) == pytest.approx(expected)
    dim_w = [d.weight for d in FW.dimensions]
    assert result.score == pytest.approx(
        np.average([x.score for x in result.dimensions], weights=dim_w)
    )
    # By group: each group's scores equal those of the group scored on its own.
    for group, dims in result.by_group.items():
        alone = score(
            dataclasses.replace(a, respondents=tuple(r for r in a.respondents if r.group == group))
        )
        assert [d.score for d in dims] == pytest.approx([d.score for d in alone.dimensions])


ANSWER = st.sampled_from([None, 0, 1, 2, 3, 4, "missing"])
RESPONDENT = st.tuples(
    st.sampled_from(GROUPS), st.lists(ANSWER, min_size=len(QUESTIONS), max_size=len(QUESTIONS))
)


def _build(raw: list[tuple[str, list]]) -> Assessment:
    return assessment(
        *(
            Respondent(
                f"r{i}",
                group,
                {q: v for q, v in zip(QUESTIONS, values, strict=True) if v != "missing"},
            )
            for i, (group, values) in enumerate(raw)
        )
    )


def _intervals(result):
    return [(result.low, result.high)] + [(d.low, d.high) for d in result.dimensions]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RESPONDENT, min_size=1, max_size=5))
def test_scores_stay_within_bounds(raw):
    result = score(_build(raw))
    for low, point, high in [(result.low, result.score, result.high)] + [
        (d.low, d.score, d.high) for d in result.dimensions
    ]:
        assert 0 <= low <= point + 1e-9 and point <= high + 1e-9 and high <= 100
    assert 1 <= result.level_low <= result.level <= result.level_high <= 5
    for dims in result.by_group.values():
        assert all(0 <= d.low <= d.high <= 100 for d in dims)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RESPONDENT, min_size=1, max_size=4), st.data())
def test_a_dont_know_never_narrows_an_interval(raw, data):
    before = score(_build(raw))
    who = data.draw(st.integers(0, len(raw) - 1))
    which = data.draw(st.integers(0, len(QUESTIONS) - 1))
    changed = [(g, list(v)) for g, v in raw]
    changed[who][1][which] = None
    after = score(_build(changed))
    for (lo0, hi0), (lo1, hi1) in zip(_intervals(before), _intervals(after), strict=True):
        assert lo1 <= lo0 + 1e-9 and hi1 >= hi0 - 1e-9
    # A whole new respondent who knows nothing widens every interval too.
    added = score(_build([*raw, (GROUPS[0], [None] * len(QUESTIONS))]))
    for (lo0, hi0), (lo1, hi1) in zip(_intervals(before), _intervals(added), strict=True):
        assert lo1 <= lo0 + 1e-9 and hi1 >= hi0 - 1e-9


@settings(max_examples=30, deadline=None)
@given(st.lists(RESPONDENT, min_size=2, max_size=4), st.randoms())
def test_respondent_order_does_not_matter(raw, rnd):
    shuffled = list(enumerate(raw))
    rnd.shuffle(shuffled)
    a = _build(raw)
    b = dataclasses.replace(a, respondents=tuple(a.respondents[i] for i, _ in shuffled))
    ra, rb = score(a), score(b)
    assert [x for d in ra.dimensions for x in (d.score, d.low, d.high)] == pytest.approx(
        [x for d in rb.dimensions for x in (d.score, d.low, d.high)]
    )
    assert {d.question_id for d in ra.disagreements} == {d.question_id for d in rb.disagreements}


def test_disagreement_of_two_levels_is_flagged_and_one_level_is_not(framework):
    lead = uniform(framework, 3, "leadership")
    front = uniform(framework, 1, "front_line")
    result = score(assessment(lead, front))
    assert len(result.disagreements) == len(framework.questions)
    assert all(
        d.spread == pytest.approx(2) and d.leadership_front_line for d in result.disagreements
    )
    assert len(result.leadership_front_line_gaps) == len(framework.questions)
    close = score(assessment(lead, uniform(framework, 2, "front_line")))
    assert close.disagreements == ()


def test_disagreement_between_other_groups_is_not_a_leadership_gap(framework):
    answers = {"data.platform": 4}
    it = Respondent("it", "it_data", answers)
    dpo = Respondent("dpo", "data_protection", {"data.platform": 1})
    lead = Respondent("lead", "leadership", {"data.platform": 3})
    (found,) = score(assessment(it, dpo, lead)).disagreements
    assert found.question_id == "data.platform"
    assert dict(found.levels) == {"it_data": 4, "data_protection": 1, "leadership": 3}
    assert found.spread == 3 and not found.leadership_front_line


def test_group_means_are_compared_not_individuals(framework):
    people = [
        Respondent("a", "front_line", {"legal.basis": 0}),
        Respondent("b", "front_line", {"legal.basis": 4}),
        Respondent("c", "leadership", {"legal.basis": 3}),
    ]
    # Front-line mean 2 vs leadership 3: one level apart, no disagreement.
    assert score(assessment(*people)).disagreements == ()


def test_risk_is_scored_apart_and_raises_the_required_level(framework):
    answers = uniform(framework, 3)
    low = {q.id: q.options[0].id for q in framework.risk_questions}
    high = {q.id: q.options[-1].id for q in framework.risk_questions}
    calm = score(assessment(answers, context=low))
    risky = score(assessment(answers, context=high))
    assert (calm.score, calm.level) == (risky.score, risky.level)  # maturity untouched
    assert (calm.risk.tier, calm.risk.points) == (1, 0)
    assert risky.risk.tier == 4 and risky.risk.points == sum(
        q.max_points for q in framework.risk_questions
    )
    assert calm.risk.meets
    # 75 everywhere meets the tier-4 dimension minima but level 4 is required: met.
    assert risky.risk.meets and risky.risk.shortfalls == ()
    weaker = score(assessment(uniform(framework, 2), context=high))
    assert not weaker.risk.meets and set(weaker.risk.shortfalls) == {
        "legal",
        "fairness",
        "monitoring",
        "service",
    }


def test_an_unanswered_risk_question_counts_as_the_riskiest(framework):
    context = {q.id: q.options[0].id for q in framework.risk_questions[1:]}
    result = score(assessment(uniform(framework, 2), context=context))
    assert result.risk.unanswered == (framework.risk_questions[0].id,)
    assert result.risk.points == framework.risk_questions[0].max_points


@pytest.mark.parametrize(
    ("respondents", "context", "message"),
    [
        ((Respondent("r", "leadership", {"nope": 1}),), {}, "unknown question"),
        ((Respondent("r", "leadership", {"legal.basis": 5}),), {}, "expected a level 0-4"),
        ((Respondent("r", "leadership", {"legal.basis": True}),), {}, "expected a level 0-4"),
        ((Respondent("r", "boss", {}),), {}, "unknown respondent group"),
        ((Respondent("r", "leadership"), Respondent("r", "it_data")), {}, "duplicate respondent"),
        ((Respondent("r", "leadership"),), {"risk.role": "maybe"}, "unknown option"),
        ((Respondent("r", "leadership"),), {"risk.colour": "red"}, "unknown risk question"),
        ((), {}, "at least one respondent"),
    ],
)
def test_bad_answers_raise_input_errors(respondents, context, message):
    with pytest.raises(InputError, match=message):
        score(assessment(*respondents, context=context))


def test_answers_for_another_version_must_be_migrated_first(framework):
    old = assessment(uniform(framework, 2), framework_version="0.9")
    with pytest.raises(InputError, match="load_json"):
        score(old)


def test_result_frame_has_one_row_per_dimension_and_group(framework):
    result = score(assessment(uniform(framework, 2), uniform(framework, 3, "front_line")))
    frame = result.to_frame()
    assert frame.height == len(framework.dimensions) * 3
    assert set(frame["group"]) == {"all", "leadership", "front_line"}
