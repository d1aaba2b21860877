from __future__ import annotations

from pathlib import Path

import pytest

from openpes.errors import InputError
from openpes.fairness import DEFAULT_POLICY, Bound, audit, load_policy

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "fairness-policy.toml"


def test_example_policy_loads():
    policy = load_policy(EXAMPLE)
    assert policy.alpha == 0.05 and policy.correction == "holm" and policy.min_group_size == 20
    assert policy.bounds["selection_rate"] == Bound(ratio_low=0.8, ratio_high=1.25)
    assert policy.bounds["fpr"] == Bound(ratio_low=0.8, ratio_high=1.25, difference=0.05)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("alpha = 2", "alpha must be"),
        ('correction = "bonferroni"', "correction must be"),
        ("min_group_size = 0", "min_group_size"),
        ("colour = 1", "unknown policy keys"),
        ("[metrics.auc]\ndifference = 0.1", "score metrics have no disparity"),
        ("[metrics.tpr]\nratio = [0.8]", r"ratio must be \[low, high\]"),
        ("[metrics.tpr]\nspread = 0.1", "must set"),
        ("alpha = ", "not a valid TOML"),
    ],
)
def test_bad_policies_name_the_problem(tmp_path, text, pattern):
    path = tmp_path / "policy.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=pattern) as info:
        load_policy(path)
    assert str(path) in str(info.value)


def test_missing_policy_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_policy(tmp_path / "nope.toml")


def test_smallest_effect_of_a_bound():
    bound = Bound(ratio_low=0.8, ratio_high=1.25, difference=0.05)
    assert bound.smallest_effect(0.5) == pytest.approx(0.05)
    assert bound.smallest_effect(0.1) == pytest.approx(0.02)
    assert Bound(ratio_high=1.25).smallest_effect(0.4) == pytest.approx(0.1)


def test_policy_path_and_group_size_reach_the_audit(world, tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('min_group_size = 5000\ncorrection = "bh"\n[metrics.tpr]\ndifference = 0.1\n')
    result = audit(
        world, label="found_work", prediction="high_need", sensitive="sex", policy=str(path)
    )
    assert result.policy.correction == "bh"
    assert set(result.disparities["metric"]) == {"tpr"}
    assert result.groups["suppressed"].all()  # every group is below 5000 people
    override = audit(
        world,
        label="found_work",
        prediction="high_need",
        sensitive="sex",
        policy=str(path),
        min_group_size=10,
    )
    assert not override.groups["suppressed"].any()


def test_default_policy_skips_complement_metrics():
    assert set(DEFAULT_POLICY.bounds) == {"selection_rate", "tpr", "fpr", "ppv", "npv", "accuracy"}
