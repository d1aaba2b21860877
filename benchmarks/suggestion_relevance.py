"""Share of suggestions below the minimum relevance, before and after the relevance rule.

Run:  .venv/bin/python benchmarks/suggestion_relevance.py [--quick]

"Before" is the web's old list: the top 10 within the person's travel distance, filled up
with the nearest vacancies nationwide when fewer than 3 were within reach. "After" is
``openpes.web.counselling.suggestions``: only vacancies that meet the minimum relevance
(``openpes.web.counselling.relevance``), wished-for occupations first, farther relevant
ones only when fewer than 3 are within reach. Worlds: the demo (2,000 people, 800
vacancies) and a 20,000-person world with the same ratio; a sample of people from each,
against a board re-dated to be open today, as ``openpes demo`` does.
"""

from __future__ import annotations

import argparse
import datetime as dt

import polars as pl

from openpes.matching import MatchIndex
from openpes.synth import generate_world
from openpes.taxonomy import Taxonomy
from openpes.web.counselling.relevance import relevant, select_relevant

K, MIN_WITHIN_REACH, NATIONWIDE_KM, CANDIDATES = 10, 3, 2000.0, 3


def _open_board(vacancies: pl.DataFrame, today: dt.date) -> pl.DataFrame:
    """The demo's re-dating: posted in the last four weeks, open at least another week."""
    board = vacancies.with_row_index("_i").with_columns(
        posted_on=pl.lit(today) - pl.duration(days=pl.col("_i") % 28)
    )
    return board.with_columns(
        closes_on=pl.max_horizontal(
            pl.col("posted_on") + (vacancies["closes_on"] - vacancies["posted_on"]),
            pl.lit(today + dt.timedelta(days=7)),
        )
    ).drop("_i")


def _before(near: pl.DataFrame, wide: pl.DataFrame) -> pl.DataFrame:
    rows = near.filter(pl.col("rank") <= K)
    if rows.height >= MIN_WITHIN_REACH:
        return rows
    extra = wide.filter(~pl.col("vacancy_id").is_in(rows["vacancy_id"].implode()))
    return pl.concat([rows, extra.head(K - rows.height)])


def _after(near: pl.DataFrame, wide: pl.DataFrame) -> pl.DataFrame:
    rows = select_relevant(near, k=K)
    if rows.height >= MIN_WITHIN_REACH:
        return rows
    extra = wide.filter(~pl.col("vacancy_id").is_in(rows["vacancy_id"].implode()))
    return pl.concat([rows, select_relevant(extra, k=K - rows.height)])


def measure(n: int, v: int, sample: int, seed: int) -> dict[str, float]:
    today = dt.date.today()
    world = generate_world(n, v, 10, seed=seed)
    index = MatchIndex.build(_open_board(world.vacancies, today), taxonomy=Taxonomy.load())
    people = world.jobseekers.sample(min(sample, n), seed=seed)
    near = index.suggest(people, k=K * CANDIDATES, as_of=today)
    wide = index.suggest(
        people.with_columns(max_distance_km=pl.lit(NATIONWIDE_KM)), k=K * CANDIDATES, as_of=today
    )
    near_by, wide_by = (
        near.partition_by("jobseeker_id", as_dict=True),
        wide.partition_by("jobseeker_id", as_dict=True),
    )
    empty = near.clear()
    lists = {"before": [], "after": []}
    for key in {**near_by, **wide_by}:
        n_rows, w_rows = near_by.get(key, empty), wide_by.get(key, empty)
        lists["before"].append(_before(n_rows, w_rows))
        lists["after"].append(_after(n_rows, w_rows))
    out: dict[str, float] = {"people": people.height}
    for policy, frames in lists.items():
        shown = pl.concat(frames)
        out[f"{policy}_suggestions"] = shown.height
        out[f"{policy}_below_share"] = (
            shown.filter(~relevant()).height / shown.height if shown.height else 0.0
        )
        out[f"{policy}_people_few"] = sum(f.height < MIN_WITHIN_REACH for f in frames) / len(frames)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sample = 200 if args.quick else 1000
    for name, (n, v, seed) in {
        "demo (2,000 people, 800 vacancies)": (2000, 800, 2026),
        "20,000 people, 8,000 vacancies": (20_000, 8_000, 2027),
    }.items():
        r = measure(n, v, sample, seed)
        print(
            f"| {name}, {r['people']} people sampled "
            f"| {r['before_below_share']:.1%} of {r['before_suggestions']} "
            f"| {r['after_below_share']:.1%} of {r['after_suggestions']} "
            f"| {r['before_people_few']:.1%} → {r['after_people_few']:.1%} |"
        )


if __name__ == "__main__":
    main()
