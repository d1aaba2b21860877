"""Exposure among people with comparable occupations: a gap that occupation explains raises
no alert on the within-occupation metric; a gap within occupations raises one."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import polars as pl

from openpes.oversight import run_monitors

PERIOD = (datetime(2026, 9, 1), datetime(2026, 11, 1))
REFERENCE = (datetime(2026, 1, 1), datetime(2026, 3, 1))
METRIC = "high_score_rate_within_occupation"


def _world(*, within_bias: float, n: int = 12_000, seed: int = 3) -> pl.DataFrame:
    """Non-EU job seekers look mostly for occupation B, whose suggestions score lower."""
    rng = np.random.default_rng(seed)
    origin = rng.choice(["national", "non_eu"], n, p=[0.7, 0.3])
    occupation = np.where(rng.uniform(size=n) < np.where(origin == "non_eu", 0.8, 0.2), "B", "A")
    strong = np.where(occupation == "A", 0.6, 0.3) - np.where(origin == "non_eu", within_bias, 0)
    score = np.where(rng.uniform(size=n) < strong, 0.9, 0.4)
    start = np.where(rng.uniform(size=n) < 0.5, PERIOD[0], REFERENCE[0])
    hours = rng.integers(0, 1400, n)
    shown = [s + timedelta(hours=int(h)) for s, h in zip(start, hours, strict=True)]
    return pl.DataFrame(
        {
            "person_id": [str(i) for i in range(n)],
            "shown_at": shown,
            "decided_at": [t + timedelta(minutes=5) for t in shown],
            "verdict": rng.choice(["accepted", "adapted", "rejected"], n).tolist(),
            "score": score,
            "salary": rng.normal(30_000, 3_000, n),
            "distance_km": rng.uniform(1, 30, n),
            "team": "north",
            "counsellor": rng.choice(["c1", "c2", "c3"], n).tolist(),
            "origin": origin.tolist(),
            "occupation": occupation.tolist(),
        }
    )


def _run(suggestions: pl.DataFrame):
    return run_monitors(
        suggestions=suggestions,
        assessments=None,
        outcomes=None,
        sensitive=["origin"],
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        reference_start=REFERENCE[0],
        reference_end=REFERENCE[1],
    )


def _within(run) -> dict:
    table = run.monitor("matching", "exposure").table
    row = table.filter((pl.col("metric") == METRIC) & (pl.col("group") == "non_eu")).row(
        0, named=True
    )
    alerts = [a for a in run.alerts if a.metric == METRIC]
    return {"row": row, "alerts": alerts}


def test_a_gap_explained_by_occupation_raises_no_within_occupation_alert():
    run = _run(_world(within_bias=0.0))
    # The raw share of strong matches differs by origin (occupation mix) ...
    raw = run.monitor("matching", "exposure").table.filter(
        (pl.col("metric") == "high_score_rate") & (pl.col("group") == "non_eu")
    )
    assert raw["difference"][0] < -0.1
    # ... but among people with comparable occupations it does not.
    found = _within(run)
    assert found["alerts"] == []
    assert abs(found["row"]["difference"]) < 0.03
    assert found["row"]["verdict"] == "pass"


def test_a_gap_within_occupations_raises_an_alert_naming_the_group():
    found = _within(_run(_world(within_bias=0.15)))
    assert found["row"]["difference"] < -0.1
    assert [(a.attribute, a.group) for a in found["alerts"]] == [("origin", "non_eu")]
    assert found["alerts"][0].reference_group == "national"


def test_without_comparable_people_the_within_metric_is_insufficient():
    world = _world(within_bias=0.0)
    # Every non-EU job seeker in occupation B and every national in A: no common stratum.
    world = world.with_columns(
        occupation=pl.when(pl.col("origin") == "non_eu").then(pl.lit("B")).otherwise(pl.lit("A"))
    )
    found = _within(_run(world))
    assert found["row"]["value"] is None and found["row"]["verdict"] == "insufficient"
    assert found["alerts"] == []


def test_exposure_is_reported_by_national_code_when_one_is_given():
    world = _world(within_bias=0.0)
    coded = world.with_columns(
        national_code=pl.when(pl.col("occupation") == "A")
        .then(pl.lit("7212"))
        .otherwise(pl.lit(""))
    )
    means = _run(coded).monitor("matching", "exposure").tables["means"]
    by_code = means.filter(pl.col("attribute") == "national_code")
    assert set(by_code["group"]) == {"7212", ""}
    # The code's mean score is the mean over its people's suggestions, computed directly.
    current = coded.filter(pl.col("shown_at") >= PERIOD[0])
    expected = current.filter(pl.col("national_code") == "7212")["score"].mean()
    row = by_code.filter((pl.col("group") == "7212") & (pl.col("measure") == "score"))
    assert abs(row["mean"][0] - expected) < 1e-9
    # Crossed with the protected attribute, for the oversight officer.
    assert means.filter(pl.col("attribute").str.contains("national_code")).height > by_code.height
    # Without the column, nothing by code.
    plain = _run(world).monitor("matching", "exposure").tables["means"]
    assert not plain.filter(pl.col("attribute").str.contains("national_code")).height
