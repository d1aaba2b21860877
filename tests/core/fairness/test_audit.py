from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest
from fairlearn.metrics import MetricFrame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import brier_score_loss, precision_score, recall_score, roc_auc_score

from openpes.errors import InputError
from openpes.fairness import RATE_METRICS, Bound, Policy, audit, to_dict, to_html
from tests.core.fairness.conftest import decisions
from tests.core.fairness.peers import PEER_METRICS


def _group(result, **attrs):
    rows = result.groups_unsuppressed().filter(
        pl.col("attributes") == pl.lit({a: attrs.get(a) for a in result.spec.sensitive})
    )
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def _check_against_fairlearn(df: pl.DataFrame, result, features: list[str]) -> None:
    pdf = df.select("found_work", "high_need", *features).to_pandas()
    for f in features:
        pdf[f] = pdf[f].fillna("(missing)")
    frame = MetricFrame(
        metrics=PEER_METRICS,
        y_true=pdf["found_work"],
        y_pred=pdf["high_need"],
        sensitive_features=pdf[features],
    )
    expected = frame.by_group
    grouping = " × ".join(features)
    ours = result.groups_unsuppressed().filter(pl.col("grouping") == grouping)
    assert ours.height == len(expected)
    for row in ours.iter_rows(named=True):
        key = tuple(row["attributes"][f] for f in features)
        peer = expected.loc[key if len(key) > 1 else key[0]]
        for metric in RATE_METRICS:
            if np.isnan(peer[metric]):
                assert row[metric] is None
            else:
                assert row[metric] == pytest.approx(peer[metric], abs=1e-12), (key, metric)


def test_matches_fairlearn_on_marginals_and_intersection(world):
    result = audit(
        world,
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band"],
        intersections=2,
    )
    for features in (["sex"], ["age_band"], ["sex", "age_band"]):
        _check_against_fairlearn(world, result, features)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(60, 600))
def test_matches_fairlearn_on_random_data(seed, n):
    rng = np.random.default_rng(seed)
    df = pl.DataFrame(
        {
            "found_work": rng.integers(0, 2, n),
            "high_need": rng.integers(0, 2, n),
            "sex": rng.choice(["F", "M", "X"], n),
            "region": rng.choice(["north", "south"], n),
        }
    )
    # Every group needs both labels and both decisions for every peer metric to be defined.
    cell_counts = df.group_by("sex", "region", "found_work", "high_need").len()
    if cell_counts.height < 24:
        return
    result = audit(
        df,
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "region"],
        intersections=2,
        min_group_size=1,
    )
    for features in (["sex"], ["region"], ["sex", "region"]):
        _check_against_fairlearn(df, result, features)


def test_score_metrics_match_scikit_learn(world):
    result = audit(
        world, label="found_work", prediction="high_need", score="score", sensitive="age_band"
    )
    for value in ["<25", "25-49", "50+", None]:
        sub = world if value is None else world.filter(pl.col("age_band") == value)
        row = _group(result, age_band=value)
        y, s = sub["found_work"].to_numpy(), sub["score"].to_numpy()
        assert row["auc"] == pytest.approx(roc_auc_score(y, s), abs=1e-12)
        assert row["brier"] == pytest.approx(brier_score_loss(y, s), abs=1e-12)
        bins = np.minimum((s * 10).astype(int), 9)
        ece = sum(
            np.sum(bins == b) / len(s) * abs(s[bins == b].mean() - y[bins == b].mean())
            for b in range(10)
            if np.any(bins == b)
        )
        assert row["ece"] == pytest.approx(ece, abs=1e-12)


def test_auc_handles_ties_across_cells():
    df = pl.DataFrame(
        {
            "y": [1, 0, 1, 0, 1, 0, 0, 1] * 5,
            "p": [1, 0, 1, 1, 0, 0, 1, 1] * 5,
            "s": [0.5, 0.5, 0.2, 0.2, 0.9, 0.1, 0.9, 0.5] * 5,
            "g": ["a", "b", "a", "b", "b", "a", "a", "b"] * 5,
        }
    )
    result = audit(df, label="y", prediction="p", score="s", sensitive="g", min_group_size=1)
    overall = _group(result)
    assert overall["auc"] == pytest.approx(roc_auc_score(df["y"], df["s"]), abs=1e-12)


def test_weighted_counts_match_scikit_learn(world):
    weights = np.random.default_rng(1).uniform(0.2, 3.0, world.height)
    df = world.with_columns(pl.Series("w", weights))
    result = audit(df, label="found_work", prediction="high_need", sensitive="sex", weight="w")
    for sex in ["F", "M"]:
        sub = df.filter(pl.col("sex") == sex)
        row = _group(result, sex=sex)
        y, p, w = (sub[c].to_numpy() for c in ("found_work", "high_need", "w"))
        assert row["n"] == pytest.approx(w.sum(), rel=1e-12)
        assert row["tpr"] == pytest.approx(recall_score(y, p, sample_weight=w), abs=1e-12)
        assert row["ppv"] == pytest.approx(precision_score(y, p, sample_weight=w), abs=1e-12)
        # Kish's effective size makes the weighted interval wider than a naive one.
        assert row["tpr_ci_high"] - row["tpr_ci_low"] > 0


def test_missing_values_form_their_own_group(world):
    result = audit(world, label="found_work", prediction="high_need", sensitive="origin")
    row = _group(result, origin="(missing)")
    assert row["n"] == world["origin"].null_count() > 0
    assert result.n == world.height


@given(st.permutations(list(range(200))))
@settings(max_examples=5, deadline=None)
def test_marginals_sum_to_total_and_ignore_row_order(order):
    df = decisions(200, seed=3)[list(order)]
    result = audit(
        df,
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band", "origin"],
        intersections=3,
        min_group_size=1,
    )
    groups = result.groups_unsuppressed()
    total = groups.filter(pl.col("grouping") == "overall").row(0, named=True)
    for grouping in groups["grouping"].unique().to_list():
        part = groups.filter(pl.col("grouping") == grouping)
        for c in ("n", "tp", "fp", "tn", "fn"):
            assert part[c].sum() == total[c]
    reference = audit(
        decisions(200, seed=3),
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band", "origin"],
        intersections=3,
        min_group_size=1,
    )
    assert groups.sort("grouping", "attributes").equals(
        reference.groups_unsuppressed().sort("grouping", "attributes")
    )


def test_booleans_are_accepted(world):
    as_bool = world.with_columns(pl.col("found_work", "high_need").cast(pl.Boolean))
    a = audit(as_bool, label="found_work", prediction="high_need", sensitive="sex")
    b = audit(world, label="found_work", prediction="high_need", sensitive="sex")
    assert a.groups.equals(b.groups)


def test_invalid_labels_name_column_values_and_rows(world):
    bad = world.with_columns(
        pl.when(pl.int_range(pl.len()) < 7)
        .then(2)
        .otherwise(pl.col("found_work"))
        .alias("found_work")
    )
    with pytest.raises(InputError) as info:
        audit(bad, label="found_work", prediction="high_need", sensitive="sex")
    message = str(info.value)
    assert "'found_work'" in message and "2 (7 rows)" in message and "7 rows in all" in message


def test_missing_prediction_values_are_invalid(world):
    bad = world.with_columns(
        pl.when(pl.int_range(pl.len()) < 3)
        .then(None)
        .otherwise(pl.col("high_need"))
        .alias("high_need")
    )
    with pytest.raises(InputError, match=r"None \(3 rows\)"):
        audit(bad, label="found_work", prediction="high_need", sensitive="sex")


def test_score_outside_unit_interval_is_rejected(world):
    bad = world.with_columns(pl.col("score") * 2)
    with pytest.raises(InputError, match="probabilities"):
        audit(bad, label="found_work", prediction="high_need", score="score", sensitive="sex")


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"sensitive": "nope"}, "sensitive column not found"),
        ({"sensitive": "sex", "label": "nope"}, "label column not found"),
        ({"sensitive": []}, "at least one"),
        ({"sensitive": "sex", "intersections": 0}, "intersections"),
        ({"sensitive": "sex", "reference": {"sex": "Q"}}, "does not occur"),
        ({"sensitive": "sex", "reference": {"age": "x"}}, "not a sensitive attribute"),
        ({"sensitive": "sex", "reference": "median"}, "reference must be"),
        ({"sensitive": "sex", "min_group_size": 0}, "min_group_size"),
    ],
)
def test_bad_arguments_raise_input_error(world, kwargs, pattern):
    args = {"label": "found_work", "prediction": "high_need", **kwargs}
    with pytest.raises(InputError, match=pattern):
        audit(world, **args)


def test_small_groups_are_suppressed_everywhere(world):
    tiny = pl.concat([world, decisions(4, seed=1).with_columns(pl.lit("tiny").alias("age_band"))])
    result = audit(tiny, label="found_work", prediction="high_need", sensitive="age_band")
    public = result.groups.filter(pl.col("attributes").struct.field("age_band") == "tiny")
    row = public.row(0, named=True)
    assert row["suppressed"] is True
    assert all(row[c] is None for c in ("n", "tp", "fp", "tn", "fn", "tpr", "tpr_ci_low"))
    exported = [g for g in to_dict(result)["groups"] if g["attributes"] == {"age_band": "tiny"}]
    assert exported[0]["n"] is None and exported[0]["metrics"]["tpr"]["value"] is None
    disparities = result.disparities.filter(pl.col("attributes").struct.field("age_band") == "tiny")
    assert set(disparities["verdict"]) == {"insufficient"}
    assert disparities["ratio"].is_null().all() and disparities["value"].is_null().all()
    assert "tiny" in to_html(result) and ">4<" not in to_html(result)
    # Only callers who ask explicitly get the exact small numbers.
    assert _group(result, age_band="tiny")["n"] == 4
    revealed = [
        g
        for g in to_dict(result, reveal_small_groups=True)["groups"]
        if g["attributes"] == {"age_band": "tiny"}
    ]
    assert revealed[0]["n"] == 4


def test_reference_largest_best_and_mapping(world):
    kwargs = {"label": "found_work", "prediction": "high_need", "sensitive": "age_band"}
    largest = audit(world, **kwargs)
    biggest = world["age_band"].value_counts(sort=True)["age_band"][0]
    assert set(largest.disparities["reference"].struct.field("age_band")) == {biggest}
    mapped = audit(world, **kwargs, reference={"age_band": "50+"})
    assert set(mapped.disparities["reference"].struct.field("age_band")) == {"50+"}
    best = audit(world, **kwargs, reference="best")
    for metric, higher in [("tpr", True), ("fpr", False)]:
        rows = best.disparities.filter(pl.col("metric") == metric)
        values = rows["difference"].to_numpy()
        assert np.all(values <= 0) if higher else np.all(values >= 0)


def test_reference_mapping_fills_other_attributes_with_largest(world):
    result = audit(
        world,
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band"],
        intersections=2,
        reference={"sex": "M"},
    )
    inter = result.disparities.filter(pl.col("grouping") == "sex × age_band")
    refs = inter["reference"].unique().to_list()
    assert refs == [{"sex": "M", "age_band": "25-49"}]


def test_reference_overall_compares_with_everyone(world):
    result = audit(
        world, label="found_work", prediction="high_need", sensitive="sex", reference="overall"
    )
    groups = result.groups_unsuppressed()
    overall = groups.row(0, named=True)
    for row in result.disparities.iter_rows(named=True):
        assert row["reference_value"] == pytest.approx(overall[row["metric"]], abs=1e-12)
        assert row["ratio"] == pytest.approx(row["value"] / overall[row["metric"]], rel=1e-12)
        assert row["difference"] == pytest.approx(row["value"] - overall[row["metric"]], abs=1e-12)
        assert row["ratio_ci_low"] <= row["ratio"] <= row["ratio_ci_high"]
        assert row["difference_ci_low"] <= row["difference"] <= row["difference_ci_high"]


def _groups(sizes_rates):
    frames = []
    for name, n, rate in sizes_rates:
        k = round(n * rate)
        frames.append(pl.DataFrame({"g": [name] * n, "y": [1] * n, "p": [1] * k + [0] * (n - k)}))
    return pl.concat(frames)


def test_verdicts_fail_warn_pass_insufficient():
    policy = Policy(bounds={"tpr": Bound(difference=0.1)})
    df = _groups(
        [
            ("ref", 4000, 0.60),
            ("big_gap", 2000, 0.40),  # crossed and significant
            ("same", 2000, 0.61),  # inside the bound, well powered
            ("small_gap", 30, 14 / 30),  # crossed (-0.13) but z ~ -1.5: not significant
            ("tiny", 12, 7 / 12),  # inside the bound, but too small to see a 0.1 gap
        ]
    )
    result = audit(df, label="y", prediction="p", sensitive="g", policy=policy)
    rows = {r["attributes"]["g"]: r for r in result.disparities.iter_rows(named=True)}
    assert rows["small_gap"]["p_adjusted"] > 0.05
    assert rows["tiny"]["min_detectable_difference"] > 0.1 > abs(rows["tiny"]["difference"])
    assert rows["same"]["min_detectable_difference"] < 0.1
    verdicts = {g: r["verdict"] for g, r in rows.items()}
    assert verdicts == {
        "big_gap": "fail",
        "same": "pass",
        "small_gap": "warn",
        "tiny": "insufficient",
    }
    assert result.verdict == "fail"


def test_ratio_bound_with_holm_family():
    policy = Policy(
        bounds={"selection_rate": Bound(ratio_low=0.8, ratio_high=1.25)}, correction="bh"
    )
    df = _groups([("ref", 5000, 0.50), ("low", 3000, 0.35), ("ok", 3000, 0.48)])
    result = audit(df, label="y", prediction="p", sensitive="g", policy=policy)
    rows = {r["attributes"]["g"]: r for r in result.disparities.iter_rows(named=True)}
    assert rows["low"]["ratio"] == pytest.approx(0.7, abs=1e-12)
    assert rows["low"]["verdict"] == "fail" and rows["ok"]["verdict"] == "pass"


def test_overall_verdict_is_the_worst(world):
    result = audit(world, label="found_work", prediction="high_need", sensitive="sex")
    assert result.verdict == "fail"  # the simulated decision favours one sex
    assert "fail" in set(result.disparities["verdict"])


@pytest.mark.parametrize("kind", ["pandas", "pyarrow", "duckdb", "lazy"])
def test_other_frame_libraries_give_the_same_audit(world, kind):
    if kind == "pandas":
        data = world.to_pandas()
    elif kind == "pyarrow":
        data = world.to_arrow()
    elif kind == "lazy":
        data = world.lazy()
    else:
        import duckdb

        con = duckdb.connect()
        con.register("world", world.to_arrow())
        data = con.sql("select * from world")
    kwargs = {"label": "found_work", "prediction": "high_need", "sensitive": ["sex", "origin"]}
    assert audit(data, **kwargs).groups.equals(audit(world, **kwargs).groups)


def test_pandas_missing_values_become_missing_group():
    pdf = pd.DataFrame({"y": [1, 0] * 20, "p": [1, 1] * 20, "g": ["a", None] * 20})
    result = audit(pdf, label="y", prediction="p", sensitive="g")
    assert "(missing)" in result.groups["attributes"].struct.field("g").to_list()


@pytest.mark.slow
def test_null_simulation_of_whole_audits_keeps_family_wise_error():
    """Audits of decisions that ignore the groups rarely fail anything (Holm, alpha 0.05)."""
    rng = np.random.default_rng(99)
    runs, n = 200, 800
    groups = np.array(["a", "b", "c", "d"])
    failed = 0
    for _ in range(runs):
        df = pl.DataFrame(
            {
                "y": rng.integers(0, 2, n),
                "p": (rng.random(n) < 0.4).astype(np.int8),
                "g": groups[rng.integers(0, 4, n)],
            }
        )
        result = audit(df, label="y", prediction="p", sensitive="g")
        failed += bool((result.disparities["p_adjusted"] < 0.05).any())
    # 0.05 plus three Monte-Carlo standard errors (sqrt(.05 * .95 / 200) ~ 0.015).
    assert failed / runs <= 0.05 + 3 * 0.015


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.booleans(), st.sampled_from([None, 3, 20]))
def test_exact_auc_matches_scikit_learn_with_ties_and_weights(seed, weighted, decimals):
    rng = np.random.default_rng(seed)
    n = 300
    score = rng.random(n)
    if decimals is not None:
        score = np.round(score, 1 if decimals == 3 else 2)  # many ties across groups
    df = pl.DataFrame(
        {
            "y": (rng.random(n) < score).astype(np.int8),
            "p": rng.integers(0, 2, n),
            "s": score,
            "a": rng.choice(["x", "y", "z"], n),
            "b": rng.choice(["u", "v"], n),
            "w": rng.uniform(0.1, 2.0, n),
        }
    )
    result = audit(
        df,
        label="y",
        prediction="p",
        score="s",
        sensitive=["a", "b"],
        intersections=2,
        weight="w" if weighted else None,
        min_group_size=1,
    )
    for row in result.groups_unsuppressed().iter_rows(named=True):
        mask = np.ones(n, dtype=bool)
        for attr, value in row["attributes"].items():
            if value is not None:
                mask &= df[attr].to_numpy() == value
        y = df["y"].to_numpy()[mask]
        if y.min() == y.max():
            assert row["auc"] is None
            continue
        weights = df["w"].to_numpy()[mask] if weighted else None
        expected = roc_auc_score(y, df["s"].to_numpy()[mask], sample_weight=weights)
        assert row["auc"] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("rows", "en", "fr"),
    [
        (1, "2 (1 row); 1 row in all has an invalid value", "2 (1 ligne) ; 1 ligne au total a"),
        (
            2,
            "2 (2 rows); 2 rows in all have invalid values",
            "2 (2 lignes) ; 2 lignes au total ont",
        ),
    ],
)
def test_invalid_rows_are_counted_in_the_readers_language(world, rows, en, fr):
    bad = world.with_columns(
        pl.when(pl.int_range(pl.len()) < rows)
        .then(2)
        .otherwise(pl.col("found_work"))
        .alias("found_work")
    )
    with pytest.raises(InputError) as info:
        audit(bad, label="found_work", prediction="high_need", sensitive="sex")
    assert en in info.value.translate("en")
    assert fr in info.value.translate("fr")
