"""``MatchIndex``: the documented score, hard constraints and explanations, checked against
an independent brute-force implementation written from the documentation."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import MultiLabelBinarizer

from openpes.errors import InputError
from openpes.matching import CONSTRAINTS, OCCUPATION_LEVELS, MatchIndex, MatchWeights
from openpes.synth import World
from openpes.taxonomy import Taxonomy

EXACT = MatchWeights(candidates=100_000)


def _neighbours(taxonomy: Taxonomy) -> dict[str, set[str]]:
    near: dict[str, set[str]] = defaultdict(set)
    for a, b in taxonomy.skill_relations.select("skill_uri", "related_uri").iter_rows():
        near[a].add(b)
        near[b].add(a)
    for a, b in taxonomy.broader_relations.select("uri", "broader_uri").iter_rows():
        near[a].add(b)
        near[b].add(a)
    return near


def _haversine(a: float, b: float, c: float, d: float) -> float:
    p1, p2 = math.radians(a), math.radians(c)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def brute_force(
    world: World, taxonomy: Taxonomy, people: pl.DataFrame, *, k: int, as_of: dt.date
) -> pl.DataFrame:
    """The score exactly as docs/matching.md states it, one pair at a time."""
    vac = world.vacancies
    w = MatchWeights().normalised()
    binar = MultiLabelBinarizer(sparse_output=True)
    both = binar.fit_transform(
        [
            set(e) | set(o)
            for e, o in zip(vac["essential_skills"], vac["optional_skills"], strict=True)
        ]
    )
    idf = dict(zip(binar.classes_, TfidfTransformer(smooth_idf=True).fit(both).idf_, strict=True))
    unseen = math.log(1 + vac.height) + 1  # the IDF of a skill no vacancy lists
    near = _neighbours(taxonomy)
    isco = dict(taxonomy.occupations.select("uri", "isco_group").iter_rows())
    # ESCO occupation profiles: essential skills weigh 1, optional 0.5, times the IDF.
    profile: dict[str, dict[str, float]] = defaultdict(dict)
    for occ, skill, relation in taxonomy.occupation_skills.iter_rows():
        weight = (1.0 if relation == "essential" else 0.5) * idf.get(skill, unseen)
        profile[occ][skill] = max(profile[occ].get(skill, 0.0), weight)
    known = set(taxonomy.skills["uri"]) | set(idf)
    out = []
    for p in people.iter_rows(named=True):
        held = set(p["skills"])
        mine = [(o, "e") for o in p["past_occupations"]] + [
            (o, "p") for o in p["preferred_occupations"]
        ]
        if not mine:
            # No named occupation: the ESCO occupation closest by IDF-weighted cosine.
            mine_vec = {s: idf.get(s, unseen) for s in held if s in known}
            mine_norm = math.sqrt(sum(x * x for x in mine_vec.values()))
            best, best_sim = None, 0.0
            for occ in sorted(profile):
                vec = profile[occ]
                dot = sum(x * vec.get(s, 0.0) for s, x in mine_vec.items())
                sim = dot / (mine_norm * math.sqrt(sum(x * x for x in vec.values())))
                if sim > best_sim + 1e-12:
                    best, best_sim = occ, sim
            mine = [(best, "s")] if best is not None else []

        def credit(s: str, held: set[str] = held) -> float:
            return 1.0 if s in held else (0.5 if near.get(s, set()) & held else 0.0)

        rows = []
        for v in vac.iter_rows(named=True):
            if v["closes_on"] < as_of:
                continue
            if p["preferred_hours"] not in ("any", v["hours"]) or p["preferred_contract"] not in (
                "any",
                v["contract"],
            ):
                continue
            if v["requires_driving_licence"] and not p["driving_licence"]:
                continue
            if not set(v["required_languages"]) <= set(p["languages"]):
                continue
            d = _haversine(p["lat"], p["lon"], v["lat"], v["lon"])
            if d > p["max_distance_km"]:
                continue
            ess = v["essential_skills"]
            e = sum(idf[s] * credit(s) for s in ess) / sum(idf[s] for s in ess)
            opt = v["optional_skills"]
            o = sum(idf[s] * credit(s) for s in opt) / sum(idf[s] for s in opt) if opt else e
            if w["essential"] * e + w["optional"] * o <= 1e-12:
                continue
            level = 0.0
            for occ, _src in mine:
                if occ == v["occupation_uri"]:
                    level = max(level, OCCUPATION_LEVELS["same_occupation"])
                elif isco.get(occ) == v["isco_group"]:
                    level = max(level, OCCUPATION_LEVELS["same_unit_group"])
                elif isco.get(occ, "")[:3] == v["isco_group"][:3]:
                    level = max(level, OCCUPATION_LEVELS["same_minor_group"])
            decay = 1 - d / p["max_distance_km"]
            score = (
                w["essential"] * e
                + w["optional"] * o
                + w["occupation"] * level
                + w["distance"] * decay
            )
            rows.append((p["jobseeker_id"], v["vacancy_id"], score, e, o, level, d))
        rows.sort(key=lambda r: (-round(r[2], 12), r[1]))
        out += [(*r, i + 1) for i, r in enumerate(rows[:k])]
    return pl.DataFrame(
        out,
        schema=[
            "jobseeker_id",
            "vacancy_id",
            "score",
            "essential",
            "optional",
            "fit",
            "distance",
            "rank",
        ],
        orient="row",
    )


@pytest.fixture(scope="module")
def exact(world: World, taxonomy: Taxonomy) -> MatchIndex:
    return MatchIndex.build(world.vacancies, taxonomy=taxonomy, weights=EXACT)


@pytest.mark.parametrize("named", [True, False], ids=["named-occupations", "estimated"])
def test_matches_brute_force(
    world: World, taxonomy: Taxonomy, exact: MatchIndex, early: dt.date, named: bool
) -> None:
    people = world.jobseekers.head(40)
    if not named:
        empty = pl.lit([], dtype=pl.List(pl.String))
        people = people.with_columns(past_occupations=empty, preferred_occupations=empty)
    ours = exact.suggest(people, k=5, as_of=early)
    theirs = brute_force(world, taxonomy, people, k=5, as_of=early)
    assert theirs.height > 50  # the comparison has substance
    assert ours.select("jobseeker_id", "vacancy_id", "rank").equals(
        theirs.select("jobseeker_id", "vacancy_id", "rank")
    )
    np.testing.assert_allclose(ours["score"], theirs["score"], rtol=1e-9)
    np.testing.assert_allclose(ours["essential_coverage"], theirs["essential"], rtol=1e-9)
    np.testing.assert_allclose(ours["optional_coverage"], theirs["optional"], rtol=1e-9)
    np.testing.assert_allclose(ours["occupation_fit"], theirs["fit"])
    np.testing.assert_allclose(ours["distance_km"], theirs["distance"], rtol=1e-9)


def test_closing_date_is_a_hard_constraint(world: World, exact: MatchIndex) -> None:
    day = dt.date(2025, 6, 1)
    ours = exact.suggest(world.jobseekers.head(200), k=10, as_of=day)
    closes = ours.join(world.vacancies.select("vacancy_id", "closes_on"), on="vacancy_id")[
        "closes_on"
    ]
    assert ours.height > 0 and (closes >= day).all()


def test_default_candidates_agree_with_exact_on_most_rows(
    world: World, index: MatchIndex, exact: MatchIndex, early: dt.date
) -> None:
    approx = index.suggest(world.jobseekers, k=10, as_of=early)
    full = exact.suggest(world.jobseekers, k=10, as_of=early)
    overlap = approx.join(full, on=["jobseeker_id", "vacancy_id"]).height / full.height
    assert overlap > 0.95


def test_score_is_the_weighted_sum_of_its_components(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    w = index.weights.normalised()
    s = index.suggest(world.jobseekers, k=10, as_of=early)
    again = (
        w["essential"] * s["essential_coverage"]
        + w["optional"] * s["optional_coverage"]
        + w["occupation"] * s["occupation_fit"]
        + w["distance"] * s["distance_decay"]
    )
    np.testing.assert_allclose(s["score"], again, rtol=1e-9)
    assert (
        s.group_by("jobseeker_id")
        .agg(ok=(pl.col("score").diff().fill_null(0) <= 1e-12).all())["ok"]
        .all()
    )


def test_skill_lists_partition_the_essential_skills(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    s = index.suggest(world.jobseekers, k=10, as_of=early)
    joined = s.join(world.vacancies.select("vacancy_id", "essential_skills"), on="vacancy_id")
    partial_total = 0
    for row in joined.iter_rows(named=True):
        parts = (
            row["matched_essential"]
            + row["missing_essential"]
            + [p["required"] for p in row["partial_matches"]]
        )
        assert sorted(parts) == sorted(set(row["essential_skills"]))
        partial_total += len(row["partial_matches"])
    assert partial_total > 0


def test_partial_matches_name_a_held_neighbour(
    world: World, index: MatchIndex, taxonomy: Taxonomy, early: dt.date
) -> None:
    near = _neighbours(taxonomy)
    s = index.suggest(world.jobseekers, k=10, as_of=early).join(
        world.jobseekers.select("jobseeker_id", "skills"), on="jobseeker_id"
    )
    seen = set()
    for row in s.filter(pl.col("partial_matches").list.len() > 0).iter_rows(named=True):
        for p in row["partial_matches"]:
            assert p["held"] in row["skills"] and p["required"] not in row["skills"]
            assert p["held"] in near[p["required"]]
            if p["relation"] == "broader":
                assert p["held"] in taxonomy.broader(p["required"])
            if p["relation"] == "narrower":
                assert p["held"] in taxonomy.narrower(p["required"])
            seen.add(p["relation"])
    assert "related" in seen or "broader" in seen or "narrower" in seen


def test_dropped_counts_match_a_direct_count(world: World, index: MatchIndex) -> None:
    day = dt.date(2025, 3, 1)
    result = index.match(world.jobseekers.head(30), k=3, as_of=day)
    vac = world.vacancies
    for p, counts in zip(
        world.jobseekers.head(30).iter_rows(named=True),
        result.dropped.iter_rows(named=True),
        strict=True,
    ):
        expected = {
            "closing_date": (vac["closes_on"] < day).sum(),
            "hours": 0
            if p["preferred_hours"] == "any"
            else (vac["hours"] != p["preferred_hours"]).sum(),
            "contract": 0
            if p["preferred_contract"] == "any"
            else (vac["contract"] != p["preferred_contract"]).sum(),
            "driving_licence": 0 if p["driving_licence"] else vac["requires_driving_licence"].sum(),
            "languages": sum(not set(r) <= set(p["languages"]) for r in vac["required_languages"]),
        }
        assert {c: counts[c] for c in CONSTRAINTS} == expected


def test_one_person_gets_the_same_answer_alone_or_in_a_batch(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    batch = index.suggest(world.jobseekers, k=10, as_of=early)
    for i in (0, 7, 123):
        alone = index.suggest(world.jobseekers[i], k=10, as_of=early)
        assert alone.equals(
            batch.filter(pl.col("jobseeker_id") == world.jobseekers["jobseeker_id"][i])
        )


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), chunk=st.sampled_from([9, 1000]))
def test_ranking_ignores_row_order_and_chunking(
    world: World, index: MatchIndex, early: dt.date, seed: int, chunk: int
) -> None:
    people = world.jobseekers.head(40)
    base = index.suggest(people, k=5, as_of=early).sort("jobseeker_id", "rank")
    shuffled = people.sample(fraction=1.0, shuffle=True, seed=seed)
    again = index.suggest(shuffled, k=5, as_of=early, chunk_size=chunk).sort("jobseeker_id", "rank")
    assert again.equals(base)


def test_vacancy_row_order_does_not_matter(
    world: World, taxonomy: Taxonomy, index: MatchIndex, early: dt.date
) -> None:
    other = MatchIndex.build(world.vacancies.reverse(), taxonomy=taxonomy)
    a = index.suggest(world.jobseekers.head(50), k=5, as_of=early)
    b = other.suggest(world.jobseekers.head(50), k=5, as_of=early)
    assert a.select("jobseeker_id", "vacancy_id", "rank").equals(
        b.select("jobseeker_id", "vacancy_id", "rank")
    )
    np.testing.assert_allclose(a["score"], b["score"], rtol=1e-12)


def test_occupation_fit_levels(world: World, index: MatchIndex, early: dt.date) -> None:
    s = index.suggest(world.jobseekers, k=10, as_of=early)
    counts = dict(s["occupation_match"].value_counts().iter_rows())
    assert set(counts) <= set(OCCUPATION_LEVELS)
    assert counts.get("same_occupation", 0) > 0
    fits = s.select(pl.col("occupation_match").replace_strict(OCCUPATION_LEVELS), "occupation_fit")
    assert (fits[:, 0] == fits[:, 1]).all()
    assert (
        s.filter(pl.col("occupation_match") != "none")["occupation_basis"]
        .is_in(["experience", "preference"])
        .all()
    )


def test_occupation_is_estimated_only_without_a_named_one(
    world: World, taxonomy: Taxonomy, index: MatchIndex, early: dt.date
) -> None:
    named = world.jobseekers.filter(
        (pl.col("past_occupations").list.len() + pl.col("preferred_occupations").list.len()) > 0
    ).head(100)
    empty = pl.lit([], dtype=pl.List(pl.String))
    unnamed = named.with_columns(past_occupations=empty, preferred_occupations=empty)
    s = index.suggest(named, k=10, as_of=early)
    assert "skills" not in s["occupation_basis"].to_list()
    guessed = index.suggest(unnamed, k=10, as_of=early)
    bases = guessed.filter(pl.col("occupation_match") != "none")["occupation_basis"]
    assert bases.len() > 0 and (bases == "skills").all()
    off = MatchIndex.build(
        world.vacancies, taxonomy=taxonomy, weights=MatchWeights(estimate_occupation=False)
    ).suggest(unnamed, k=10, as_of=early)
    assert (off["occupation_fit"] == 0).all()


def test_as_of_keywords(world: World, index: MatchIndex) -> None:
    assert index.resolve_as_of("latest") == world.vacancies["posted_on"].max()
    assert index.resolve_as_of("today") == dt.date.today()
    with pytest.raises(InputError, match="as_of"):
        index.resolve_as_of("tomorrow")  # type: ignore[arg-type]


def test_bad_job_seeker_input_names_file_column_and_row(world: World, index: MatchIndex) -> None:
    bad = world.jobseekers.head(5).with_columns(
        preferred_hours=pl.Series(["any", "any", "weekends", "any", "any"])
    )
    with pytest.raises(InputError) as error:
        index.suggest(bad)
    assert (
        error.value.column == "preferred_hours"
        and error.value.row == 2
        and "weekends" in str(error.value)
    )
    with pytest.raises(InputError, match="'max_distance_km'"):
        index.suggest(world.jobseekers.drop("max_distance_km"))
    with pytest.raises(InputError, match="k must be"):
        index.suggest(world.jobseekers, k=0)


def test_protected_attributes_are_not_inputs(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    people = world.jobseekers.head(50)
    with_protected = people.join(world.protected, on="jobseeker_id")
    assert index.suggest(with_protected, k=5, as_of=early).equals(
        index.suggest(people, k=5, as_of=early)
    )


def test_empty_input_gives_an_empty_frame_with_the_columns(
    world: World, index: MatchIndex, early: dt.date
) -> None:
    empty = index.suggest(world.jobseekers.head(0), k=5, as_of=early)
    assert empty.height == 0
    assert {
        "jobseeker_id",
        "rank",
        "vacancy_id",
        "score",
        "distance_km",
        "matched_essential",
        "partial_matches",
    } <= set(empty.columns)
