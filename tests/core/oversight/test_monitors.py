"""The monitors find a planted bias, stay quiet without one, and say when data are short."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import polars as pl
import pytest
from sklearn.metrics import brier_score_loss, roc_auc_score

from openpes.errors import InputError
from openpes.oversight import MonitorRule, OversightPolicy, default_policy, run_monitors
from tests.core.oversight.conftest import PERIOD, make_world, window_kwargs


def _run(world, **kwargs):
    return run_monitors(
        suggestions=world.suggestions,
        assessments=world.assessments,
        outcomes=world.outcomes,
        **{**window_kwargs(), **kwargs},
    )


@pytest.fixture(scope="module")
def biased_run(biased_world):
    return _run(biased_world)


@pytest.fixture(scope="module")
def fair_run(fair_world):
    return _run(fair_world)


def test_every_system_runs_every_monitor(fair_run):
    assert [m.monitor for m in fair_run.systems["matching"]] == [
        "exposure",
        "human_decisions",
        "drift",
    ]
    assert [m.monitor for m in fair_run.systems["support_needs"]] == [
        "exposure",
        "performance",
        "human_decisions",
        "anchoring",
        "drift",
    ]


def test_a_planted_bias_in_overrides_raises_an_alert_naming_the_group(biased_run):
    overrides = [a for a in biased_run.alerts if a.metric == "less_support_rate"]
    by_origin = [a for a in overrides if a.attribute == "origin"]
    assert [a.group for a in by_origin] == ["non-EU"]
    (alert,) = by_origin
    assert (alert.system, alert.monitor, alert.verdict) == (
        "support_needs",
        "human_decisions",
        "fail",
    )
    assert alert.reference_group == "national"
    assert alert.low > alert.reference_value
    assert alert.value - alert.reference_value == pytest.approx(0.08, abs=0.03)
    assert "less_support_rate" in alert.rule
    # Only groups that contain non-EU people are named.
    assert all("non-EU" in a.group for a in biased_run.alerts)
    decisions = biased_run.monitor("support_needs", "human_decisions")
    assert decisions.verdict == "fail"


def test_a_world_without_bias_raises_no_alert(fair_run):
    assert fair_run.alerts == []
    for results in fair_run.systems.values():
        for result in results:
            assert result.verdict in ("pass", "insufficient", "warn"), result.monitor


def test_override_rates_by_direction_team_and_counsellor(biased_run, biased_world):
    result = biased_run.monitor("support_needs", "human_decisions")
    table = result.table.filter(pl.col("attribute") == "overall")
    assert set(table["metric"]) == {
        "override_rate",
        "more_support_rate",
        "less_support_rate",
        "agreement_rate",
        "fast_decision_rate",
    }
    a = biased_world.assessments.filter(pl.col("shown_at") >= PERIOD[0])
    rank = {"low": 0, "medium": 1, "high": 2}
    model = a["model_band"].replace_strict(rank)
    final = a["final_band"].replace_strict(rank)
    value = dict(zip(table["metric"], table["value"], strict=True))
    assert value["less_support_rate"] == pytest.approx((final < model).mean())
    assert value["more_support_rate"] == pytest.approx((final > model).mean())
    assert value["override_rate"] == pytest.approx((final != model).mean())
    teams = result.tables["by_team"]
    assert set(teams["group"]) == {"north", "south", "east", "west"}
    counsellors = result.tables["by_counsellor"]
    assert counsellors["group"].n_unique() == 40
    north = a.filter(pl.col("team") == "north")
    expected = (
        north["final_band"].replace_strict(rank) < north["model_band"].replace_strict(rank)
    ).mean()
    got = teams.filter(pl.col("group") == "north", pl.col("metric") == "less_support_rate")
    assert got["value"][0] == pytest.approx(expected)


def test_suggestion_decisions_and_exposure(fair_run, fair_world):
    s = fair_world.suggestions.filter(pl.col("shown_at") >= PERIOD[0])
    decided = s.filter(pl.col("verdict").is_not_null())
    table = fair_run.monitor("matching", "human_decisions").table
    overall = table.filter(pl.col("attribute") == "overall")
    value = dict(zip(overall["metric"], overall["value"], strict=True))
    assert value["accept_rate"] == pytest.approx((decided["verdict"] == "accepted").mean())
    assert value["reject_rate"] == pytest.approx((decided["verdict"] == "rejected").mean())
    means = fair_run.monitor("matching", "exposure").tables["means"]
    women = means.filter(pl.col("group") == "F", pl.col("measure") == "salary")
    assert women["mean"][0] == pytest.approx(s.filter(pl.col("sex") == "F")["salary"].mean())
    assert women["people"][0] == s.filter(pl.col("sex") == "F")["person_id"].n_unique()
    intersections = means.filter(pl.col("attribute") == "sex × origin")
    assert intersections.height == 2 * 3 * 3  # 6 groups, 3 measures


def test_realised_performance_matches_scikit_learn(fair_world):
    # Every outcome known: figures are realised, and equal scikit-learn's.
    outcomes = fair_world.outcomes.with_columns(
        pl.Series("employed_within_12m", _truth(fair_world))
    )
    run = run_monitors(
        suggestions=None,
        assessments=fair_world.assessments,
        outcomes=outcomes,
        **window_kwargs(),
    )
    result = run.monitor("support_needs", "performance")
    assert not result.estimated
    a = fair_world.assessments.join(outcomes, on="person_id").filter(
        pl.col("shown_at") >= PERIOD[0]
    )
    for sex in ("F", "M"):
        part = a.filter(pl.col("sex") == sex)
        y = (~part["employed_within_12m"]).cast(pl.Int8).to_numpy()
        p = part["probability"].to_numpy()
        rows = result.table.filter(pl.col("group") == sex)
        value = dict(zip(rows["metric"], rows["value"], strict=True))
        assert value["auc"] == pytest.approx(roc_auc_score(y, p), abs=1e-12)
        assert value["brier"] == pytest.approx(brier_score_loss(y, p), abs=1e-12)
        high = (part["model_band"] == "high").to_numpy()
        assert value["tpr"] == pytest.approx(high[y == 1].mean(), abs=1e-12)
        assert value["fpr"] == pytest.approx(high[y == 0].mean(), abs=1e-12)
        assert rows["n"][0] == part.height


def _truth(world) -> pl.Series:
    # An outcome for everyone, drawn from the model's own probability: calibrated.
    rng = np.random.default_rng(0)
    p = world.assessments["probability"].to_numpy()
    return pl.Series(rng.random(len(p)) >= p)


def test_estimated_performance_is_close_to_realised_on_calibrated_data(fair_world):
    truth = fair_world.outcomes.with_columns(pl.Series("employed_within_12m", _truth(fair_world)))
    kwargs = {"suggestions": None, "assessments": fair_world.assessments, **window_kwargs()}
    realised = run_monitors(outcomes=truth, **kwargs).monitor("support_needs", "performance")
    estimated = run_monitors(outcomes=None, **kwargs).monitor("support_needs", "performance")
    assert estimated.estimated and not realised.estimated
    for metric, tolerance in {"tpr": 0.03, "fpr": 0.03, "ppv": 0.03, "accuracy": 0.02}.items():
        for table in (realised.table, estimated.table):
            assert table.filter(pl.col("metric") == metric).height > 0
        r = realised.table.filter(pl.col("metric") == metric, pl.col("attribute") == "sex")
        e = estimated.table.filter(pl.col("metric") == metric, pl.col("attribute") == "sex")
        assert e["value"].to_numpy() == pytest.approx(r["value"].to_numpy(), abs=tolerance)
    auc_r = realised.table.filter(pl.col("metric") == "auc", pl.col("group") == "overall")
    auc_e = estimated.table.filter(pl.col("metric") == "auc", pl.col("group") == "overall")
    assert auc_e["value"][0] == pytest.approx(auc_r["value"][0], abs=0.02)
    # The calibration error of an estimate is not shown: it is zero by construction.
    assert estimated.table.filter(pl.col("metric") == "ece")["value"].null_count() > 0


def test_estimated_performance_is_labelled(fair_run):
    result = fair_run.monitor("support_needs", "performance")
    assert result.estimated
    assert result.tables["outcomes"].filter(pl.col("group") == "overall")["estimated_share"][
        0
    ] == pytest.approx(1.0)


def test_anchoring_is_the_share_of_disagreements_moved_towards_the_model(fair_run, fair_world):
    a = fair_world.assessments.filter(pl.col("shown_at") >= PERIOD[0])
    rank = {"low": 0, "medium": 1, "high": 2}
    own = a["counsellor_band"].replace_strict(rank).to_numpy()
    model = a["model_band"].replace_strict(rank).to_numpy()
    final = a["final_band"].replace_strict(rank).to_numpy()
    disagreed = own != model
    moved = np.abs(final - model) < np.abs(own - model)
    table = fair_run.monitor("support_needs", "anchoring").table
    overall = table.filter(pl.col("attribute") == "overall")
    assert overall["value"][0] == pytest.approx(moved[disagreed].mean())
    assert overall["n"][0] == disagreed.sum()
    # make_world moves 40% of disagreements to the model's band.
    assert overall["value"][0] == pytest.approx(0.4, abs=0.03)


def _tiny(n: int = 16):
    return make_world(n, seed=3)


def test_too_few_people_is_insufficient_never_pass():
    world = _tiny()
    run = _run(world)
    for results in run.systems.values():
        for result in results:
            assert result.verdict == "insufficient", (result.system, result.monitor)
    insufficient = [a for a in run.alerts if a.verdict == "insufficient"]
    assert insufficient and all(a.group == "overall" for a in insufficient)


def test_small_groups_are_suppressed_unless_revealed(biased_world):
    revealed = _run(biased_world, reveal_small_groups=True)
    hidden = _run(biased_world, reveal_small_groups=False)
    r = revealed.monitor("support_needs", "human_decisions").tables["by_counsellor"]
    h = hidden.monitor("support_needs", "human_decisions").tables["by_counsellor"]
    # Counsellors have about 250 cases in the period: none is suppressed at 10 ...
    assert h["value"].null_count() == 0
    policy = default_policy()
    strict = OversightPolicy(
        fairness=type(policy.fairness)(min_group_size=1000), rules=policy.rules
    )
    h = _run(biased_world, reveal_small_groups=False, policy=strict)
    h = h.monitor("support_needs", "human_decisions").tables["by_counsellor"]
    # ... but all are at 1000, and their numbers only show to those entitled to them.
    assert h["value"].null_count() == h.height
    assert r["value"].null_count() == 0


def test_consecutive_periods(biased_world):
    policy = default_policy()
    rule = MonitorRule(
        monitor="human_decisions",
        metric="less_support_rate",
        threshold=0.05,
        severity="fail",
        consecutive_periods=2,
    )
    two = _run(biased_world, policy=OversightPolicy(fairness=policy.fairness, rules=(rule,)))
    assert any(a.group == "non-EU" and a.attribute == "origin" for a in two.alerts)
    # The period has two calendar months: a rule asking for three cannot be met yet.
    rule3 = MonitorRule(**{**rule.__dict__, "consecutive_periods": 3})
    three = _run(biased_world, policy=OversightPolicy(fairness=policy.fairness, rules=(rule3,)))
    assert three.alerts == []


def test_rubber_stamping_is_flagged():
    world = make_world(6000, seed=5)
    stamped = world.assessments.with_columns(
        pl.col("model_band").alias("final_band"),
        (pl.col("shown_at") + pl.duration(seconds=3)).alias("decided_at"),
    )
    run = run_monitors(suggestions=None, assessments=stamped, outcomes=None, **window_kwargs())
    metrics = {(a.metric, a.attribute) for a in run.alerts}
    assert ("agreement_rate", "overall") in metrics
    assert ("fast_decision_rate", "overall") in metrics
    assert ("fast_decision_rate", "team") in metrics
    # Rubber-stamping is never judged per counsellor (coaching, not sanctions).
    assert all(a.attribute != "counsellor" for a in run.alerts)


def test_warn_severity_caps_the_verdict(biased_world):
    policy = default_policy()
    rule = MonitorRule(monitor="human_decisions", metric="less_support_rate", threshold=0.05)
    run = _run(biased_world, policy=OversightPolicy(fairness=policy.fairness, rules=(rule,)))
    assert run.alerts and {a.verdict for a in run.alerts} == {"warn"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"period_end": datetime(2026, 8, 1)}, "period_start must be before period_end"),
        ({"reference_end": datetime(2026, 10, 1)}, "must not overlap"),
        ({"sensitive": []}, "at least one sensitive column"),
        ({"engine": "duckdb"}, "engine must be"),
    ],
)
def test_bad_arguments(fair_world, change, expected):
    with pytest.raises(InputError, match=expected):
        _run(fair_world, **change)


def test_bad_input_names_the_table_and_column(fair_world):
    with pytest.raises(InputError, match="column 'team'") as caught:
        run_monitors(
            suggestions=None,
            assessments=fair_world.assessments.drop("team"),
            outcomes=None,
            **window_kwargs(),
        )
    assert caught.value.file == "assessments"
    bad = fair_world.assessments.with_columns(
        pl.when(pl.col("person_id") < 3)
        .then(pl.lit("huge"))
        .otherwise("model_band")
        .alias("model_band")
    )
    with pytest.raises(InputError, match="3 rows have a value that is not low / medium / high"):
        run_monitors(suggestions=None, assessments=bad, outcomes=None, **window_kwargs())


@pytest.mark.parametrize(
    ("rows", "en", "fr"),
    [
        (1, "1 row has a value that is not", "1 ligne a une valeur autre que"),
        (2, "2 rows have a value that is not", "2 lignes ont une valeur autre que"),
    ],
)
def test_bad_values_are_counted_in_the_readers_language(fair_world, rows, en, fr):
    bad = fair_world.assessments.with_columns(
        pl.when(pl.col("person_id") < rows)
        .then(pl.lit("huge"))
        .otherwise("model_band")
        .alias("model_band")
    )
    with pytest.raises(InputError) as caught:
        run_monitors(suggestions=None, assessments=bad, outcomes=None, **window_kwargs())
    assert en in caught.value.translate("en")
    assert fr in caught.value.translate("fr")
