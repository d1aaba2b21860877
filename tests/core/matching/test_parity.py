"""Parity report for equally qualified job seekers."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from openpes.errors import InputError
from openpes.matching import MatchIndex, equally_qualified, parity_report
from openpes.synth import World


def test_equally_qualified_keeps_circumstances_and_swaps_qualifications(world: World) -> None:
    eq = equally_qualified(world.jobseekers, profiles=3, people=20, seed=1)
    assert eq.height == 60 and eq["jobseeker_id"].n_unique() == 60
    assert eq.group_by("profile_id").agg(pl.col("skills").n_unique())["skills"].max() == 1
    original = world.jobseekers.select(
        pl.col("jobseeker_id").alias("person_id"), "lat", "preferred_hours"
    )
    assert (
        eq.join(original, on="person_id", suffix="_o")
        .select(
            (pl.col("lat") == pl.col("lat_o"))
            & (pl.col("preferred_hours") == pl.col("preferred_hours_o"))
        )
        .to_series()
        .all()
    )


def test_report_medians_match_a_direct_computation(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    eq = equally_qualified(world.jobseekers, profiles=4, people=100, seed=2)
    s = index.suggest(eq, k=5, as_of=early)
    report = parity_report(s, eq, world.protected)
    assert set(report["attribute"]) == {"sex", "age_band", "origin"}
    direct = (
        s.join(eq.select("jobseeker_id", "person_id"), on="jobseeker_id")
        .join(world.protected.rename({"jobseeker_id": "person_id"}), on="person_id")
        .group_by("sex")
        .agg(pl.col("salary_eur").median(), pl.col("score").median())
        .sort("sex")
    )
    ours = report.filter(pl.col("attribute") == "sex").sort("group")
    assert ours["median_salary_eur"].to_list() == direct["salary_eur"].to_list()
    assert ours["median_score"].to_list() == pytest.approx(direct["score"].to_list())
    assert ours["people"].sum() == eq["person_id"].n_unique()


def test_report_needs_salaries(world: World) -> None:
    with pytest.raises(InputError, match="salary_eur"):
        parity_report(
            pl.DataFrame({"jobseeker_id": [], "score": []}), world.jobseekers, world.protected
        )
