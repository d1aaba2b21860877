"""Oversight policies: the shipped default loads, malformed rules are refused clearly."""

from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.oversight import DEFAULT_POLICY_PATH, default_policy, load_policy
from openpes.oversight._metrics import METRIC_SPECS


def test_default_policy_has_rules_for_every_monitor():
    policy = default_policy()
    assert policy.source == str(DEFAULT_POLICY_PATH)
    assert {r.monitor for r in policy.rules} == {
        "exposure",
        "performance",
        "human_decisions",
        "anchoring",
        "drift",
    }
    assert policy.fairness.min_group_size == 10
    assert all(r.metric in METRIC_SPECS for r in policy.rules)


def test_a_rule_is_read_with_all_its_keys(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(
        "alpha = 0.01\n"
        "[metrics.tpr]\ndifference = 0.1\n"
        "[monitor]\nfast_decision_seconds = 5\n"
        "[[monitor.rule]]\n"
        'monitor = "human_decisions"\nmetric = "less_support_rate"\nsystem = "support_needs"\n'
        "threshold = 0.03\nmin_group_size = 80\nconsecutive_periods = 2\n"
        'severity = "fail"\nauto_pause = true\n'
    )
    policy = load_policy(path)
    (rule,) = policy.rules
    assert (rule.threshold, rule.min_group_size, rule.consecutive_periods) == (0.03, 80, 2)
    assert (rule.severity, rule.auto_pause, rule.system) == ("fail", True, "support_needs")
    assert policy.fast_decision_seconds == 5
    assert policy.fairness.alpha == 0.01
    assert policy.fairness.bounds["tpr"].difference == 0.1
    assert rule.applies_to("support_needs", "human_decisions")
    assert not rule.applies_to("matching", "human_decisions")


RULE = 'monitor = "human_decisions"\nmetric = "less_support_rate"\nthreshold = 0.05\n'


@pytest.mark.parametrize(
    ("rule", "key", "reason"),
    [
        (RULE.replace("0.05", "-1"), "monitor.rule[0].threshold", "must not be negative"),
        (RULE.replace("0.05", "2"), "monitor.rule[0].threshold", "between 0 and 1"),
        (RULE.replace("0.05", '"high"'), "monitor.rule[0].threshold", "must be a number"),
        (RULE.replace("human_decisions", "mood"), "monitor.rule[0].monitor", "must be one of"),
        (RULE.replace("less_support_rate", "psi"), "monitor.rule[0].metric", "must be one of"),
        (RULE + 'severity = "panic"\n', "monitor.rule[0].severity", "warn, fail"),
        (RULE + "auto_pause = 1\n", "monitor.rule[0].auto_pause", "true or false"),
        (RULE + "min_group_size = 0\n", "monitor.rule[0].min_group_size", "positive integer"),
        (RULE + "consecutive_periods = 1.5\n", "monitor.rule[0].consecutive_periods", "integer"),
        (RULE + 'system = "matching"\n', "monitor.rule[0].system", "support_needs"),
        (RULE + "colour = 1\n", "monitor.rule[0].colour", "unknown key"),
        ('monitor = "drift"\nmetric = "psi"\n', "monitor.rule[0].threshold", "is required"),
    ],
)
def test_a_malformed_rule_names_file_key_and_reason(tmp_path, rule, key, reason):
    path = tmp_path / "policy.toml"
    path.write_text("[[monitor.rule]]\n" + RULE + "[[monitor.rule]]\n" + rule)
    with pytest.raises(InputError) as caught:
        load_policy(path)
    message = str(caught.value)
    # The second rule is the bad one: its index is 1.
    assert str(path) in message
    assert key.replace("[0]", "[1]") in message
    assert reason in message


def test_the_fairness_part_is_checked_by_fairness_and_names_the_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("alpha = 2\n[[monitor.rule]]\n" + RULE)
    with pytest.raises(InputError, match="alpha must be a number") as caught:
        load_policy(path)
    assert caught.value.file == str(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[monitor\n", "not a valid TOML policy"),
        ("monitor = 3\n", "key monitor: must be a table"),
        ("[monitor]\nrule = 3\n", "key monitor.rule: must be an array"),
        ("[monitor]\nspeed = 3\n", "key monitor.speed: unknown key"),
        ("[monitor]\nhigh_score = 3\n", "key monitor.high_score: must be between 0 and 1"),
    ],
)
def test_malformed_files(tmp_path, text, expected):
    path = tmp_path / "policy.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=expected):
        load_policy(path)


def test_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="policy file not found"):
        load_policy(tmp_path / "nope.toml")


def test_error_messages_are_translated(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("[[monitor.rule]]\n" + RULE.replace("0.05", "-1"))
    with pytest.raises(InputError) as caught:
        load_policy(path)
    french = caught.value.translate("fr")
    assert "monitor.rule[0].threshold" in french
    assert french != str(caught.value)
