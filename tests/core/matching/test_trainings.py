"""Training suggestions: greedy cover of the missing essential skills."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.matching import MatchIndex, cover_gaps, suggest_trainings
from openpes.synth import World
from openpes.taxonomy import Taxonomy

D = dt.date(2025, 1, 6)


def _trainings(
    taught: list[list[str]], weeks: list[float] | None = None, starts: list[dt.date] | None = None
) -> pl.DataFrame:
    n = len(taught)
    return pl.DataFrame(
        {
            "training_id": [f"T{i}" for i in range(n)],
            "title": [f"Course {i}" for i in range(n)],
            "skills_taught": taught,
            "duration_weeks": weeks or [4.0] * n,
            "start_dates": [[s] for s in (starts or [D] * n)],
        }
    )


def test_greedy_takes_the_biggest_gap_first_and_stops_when_nothing_helps() -> None:
    gaps = pl.DataFrame({"key": ["a"], "missing": [["s1", "s2", "s3", "s4"]]})
    chosen = cover_gaps(gaps, _trainings([["s1"], ["s2", "s3"], ["s3", "s9"], ["x"]]), k=3)
    assert chosen["training_id"].to_list() == ["T1", "T0"]
    assert chosen["closes"].to_list() == [["s2", "s3"], ["s1"]]
    assert chosen["n_missing"].to_list() == [4, 4]


def test_ties_go_to_the_shorter_then_the_earlier_training() -> None:
    gaps = pl.DataFrame({"key": ["a"], "missing": [["s1"]]})
    shorter = cover_gaps(gaps, _trainings([["s1"], ["s1"]], weeks=[8.0, 2.0]), k=1)
    assert shorter["training_id"].to_list() == ["T1"]
    earlier = cover_gaps(gaps, _trainings([["s1"], ["s1"]], starts=[dt.date(2025, 3, 1), D]), k=1)
    assert earlier["training_id"].to_list() == ["T1"]


def test_as_of_excludes_trainings_that_already_started() -> None:
    gaps = pl.DataFrame({"key": ["a"], "missing": [["s1"]]})
    chosen = cover_gaps(gaps, _trainings([["s1"]], starts=[D]), k=1, as_of=D + dt.timedelta(days=1))
    assert chosen.height == 0


@settings(max_examples=40, deadline=None)
@given(
    missing=st.sets(st.sampled_from([f"s{i}" for i in range(8)]), min_size=1, max_size=8),
    taught=st.lists(
        st.sets(st.sampled_from([f"s{i}" for i in range(10)]), min_size=1, max_size=4),
        min_size=1,
        max_size=6,
    ),
)
def test_each_greedy_step_closes_as_many_as_any_other_training(
    missing: set[str], taught: list[set[str]]
) -> None:
    gaps = pl.DataFrame({"key": [1], "missing": [sorted(missing)]})
    chosen = cover_gaps(gaps, _trainings([sorted(t) for t in taught]), k=3)
    remaining = set(missing)
    for row in chosen.iter_rows(named=True):
        best = max(len(set(t) & remaining) for t in taught)
        assert row["n_closes"] == best == len(row["closes"]) > 0
        remaining -= set(row["closes"])
    # Stops early only when nothing closes another skill.
    if chosen.height < 3:
        assert all(not (set(t) & remaining) for t in taught)
    # Greedy is never worse than half of the best possible pair on the first two picks.
    if chosen.height >= 2:
        best_pair = max(
            len((set(a) | set(b)) & missing) for a, b in itertools.combinations(taught, 2)
        )
        assert chosen["n_closes"][:2].sum() >= best_pair / 2


def test_many_people_at_once_match_one_at_a_time() -> None:
    taught = [["s1", "s2"], ["s3"], ["s2", "s4", "s5"], ["s6"]]
    gaps = pl.DataFrame(
        {"key": ["a", "b", "c"], "missing": [["s1", "s2", "s3"], ["s4", "s6"], ["s9"]]}
    )
    together = cover_gaps(gaps, _trainings(taught), k=2)
    for key in ("a", "b", "c"):
        alone = cover_gaps(gaps.filter(pl.col("key") == key), _trainings(taught), k=2)
        assert together.filter(pl.col("key") == key).equals(alone)


def test_suggest_trainings_for_a_vacancy_an_occupation_and_a_suggestion(
    world: World, index: MatchIndex, taxonomy: Taxonomy, early: dt.date
) -> None:
    first = index.suggest(world.jobseekers, k=1, as_of=early).row(0, named=True)["jobseeker_id"]
    person = world.jobseekers.filter(pl.col("jobseeker_id") == first)
    top = index.suggest(person, k=1, as_of=early)
    vacancy = world.vacancies.filter(pl.col("vacancy_id") == top["vacancy_id"][0])
    by_vacancy = suggest_trainings(person, vacancy, world.trainings, taxonomy=taxonomy)
    by_row = suggest_trainings(person, top, world.trainings, taxonomy=taxonomy)
    assert by_vacancy.drop("explanation").equals(by_row.drop("explanation"))
    assert (by_vacancy["n_missing"] == top["missing_essential"].list.len()[0]).all()
    by_occupation = suggest_trainings(
        person, vacancy["occupation_uri"][0], world.trainings, taxonomy=taxonomy, k=2
    )
    assert by_occupation.height <= 2
    for row in by_vacancy.iter_rows(named=True):
        assert (
            f"closes {row['n_closes']} of {row['n_missing']} missing essential skill"
            in row["explanation"]
        )


def test_suggest_trainings_refuses_a_target_without_skills(
    world: World, taxonomy: Taxonomy
) -> None:
    with pytest.raises(InputError, match="occupation URI"):
        suggest_trainings(
            world.jobseekers[0], {"vacancy_id": "V"}, world.trainings, taxonomy=taxonomy
        )
    with pytest.raises(InputError, match="skills_taught"):
        suggest_trainings(
            world.jobseekers[0],
            {"missing_essential": []},
            world.trainings.drop("skills_taught"),
            taxonomy=taxonomy,
        )
