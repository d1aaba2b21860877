"""Parity report for equally qualified job seekers."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from openpes.errors import InputError
from openpes.matching import MatchIndex, equally_qualified, parity_report
from openpes.synth import World
from openpes.taxonomy import Crosswalk, Taxonomy


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


def test_report_by_national_code_matches_a_direct_computation(
    world: World, index: MatchIndex, early: dt.date, taxonomy: Taxonomy
) -> None:
    eq = equally_qualified(world.jobseekers, profiles=4, people=100, seed=2)
    s = index.suggest(eq, k=5, as_of=early)
    common = s["isco_group"].value_counts(sort=True)["isco_group"].to_list()
    first, second = common[0], common[1]
    # N2 shares first's group with N1: a suggestion there counts under both codes.
    walk = Crosswalk(
        "fixture",
        pl.DataFrame(
            {
                "code": ["N1", "N2"],
                "label": ["Eerste", "Tweede"],
                "isco_groups": [[first], [first, second]],
            }
        ),
    )
    report = parity_report(s, eq, world.protected, attributes=["sex"], crosswalk=walk)
    assert report.columns[:4] == ["attribute", "group", "national_code", "national_label"]
    assert set(report["national_code"]) == {"N1", "N2", ""}
    assert set(report.filter(pl.col("national_code") == "N1")["national_label"]) == {"Eerste"}
    sexes = world.protected.rename({"jobseeker_id": "person_id"})
    named = s.join(eq.select("jobseeker_id", "person_id"), on="jobseeker_id").join(
        sexes, on="person_id"
    )
    for code, groups in (("N1", [first]), ("N2", [first, second])):
        direct = (
            named.filter(pl.col("isco_group").is_in(groups))
            .group_by("sex")
            .agg(pl.col("salary_eur").median(), pl.col("person_id").n_unique(), pl.len())
            .sort("sex")
        )
        ours = report.filter(pl.col("national_code") == code).sort("group")
        assert ours["group"].to_list() == direct["sex"].to_list()
        assert ours["median_salary_eur"].to_list() == direct["salary_eur"].to_list()
        assert ours["people"].to_list() == direct["person_id"].to_list()
        group_size = eq.join(sexes, on="person_id").group_by("sex").len("size").sort("sex")["size"]
        assert ours["suggestions_per_person"].to_list() == pytest.approx(
            (direct["len"] / group_size).to_list()
        )
        overall = named.filter(pl.col("isco_group").is_in(groups))["salary_eur"].median()
        assert (ours["median_salary_eur"] - overall).to_list() == ours["salary_gap_eur"].to_list()
    uncovered = named.filter(~pl.col("isco_group").is_in([first, second])).height
    assert (
        report.filter(pl.col("national_code") == "")["suggestions_per_person"]
        * eq.join(sexes, on="person_id").group_by("sex").len("size").sort("sex")["size"]
    ).sum() == pytest.approx(uncovered)


def test_report_by_national_code_needs_the_occupation(world: World) -> None:
    walk = Crosswalk(
        "fixture", pl.DataFrame({"code": ["W1"], "label": ["Welder"], "isco_groups": [["7212"]]})
    )
    with pytest.raises(InputError, match="occupation_uri"):
        parity_report(
            pl.DataFrame({"jobseeker_id": [], "score": [], "salary_eur": []}),
            world.jobseekers,
            world.protected,
            crosswalk=walk,
        )
