"""The minimum relevance a suggested vacancy must have to be shown (no Django: benchmarks use it).

A vacancy is *relevant* to a person when at least one of these holds:

- they hold at least a third of its essential skills (``essential_coverage >= 1/3``; a
  skill that ESCO relates to a required one counts in part, as the matcher scores it), or
- it is their own occupation or one of the same ESCO/ISCO unit group, through their work
  history or their wishes (``occupation_match`` is ``same_occupation`` or ``same_unit_group``).

Anything else ("biologist, 0 of 27 essential skills" for a warehouse worker) is never used to
fill the list, however near it is. Wished-for occupations come first. docs/guides.md explains
the rule to counsellors and job seekers.
"""

from __future__ import annotations

import polars as pl

MIN_ESSENTIAL_COVERAGE = 1 / 3
CLOSE_OCCUPATION = ("same_occupation", "same_unit_group")


def relevant() -> pl.Expr:
    """True for suggestion rows that meet the minimum relevance."""
    return (pl.col("essential_coverage") >= MIN_ESSENTIAL_COVERAGE) | pl.col(
        "occupation_match"
    ).cast(pl.String).is_in(CLOSE_OCCUPATION)


def wished_for() -> pl.Expr:
    """True for suggestions in (or close to) an occupation the person wishes for."""
    return (pl.col("occupation_basis").cast(pl.String) == "preference") & (
        pl.col("occupation_match").cast(pl.String) != "none"
    )


def select_relevant(rows: pl.DataFrame, *, k: int) -> pl.DataFrame:
    """The relevant rows of one person, wished-for occupations first, re-ranked 1..k."""
    if rows.is_empty():
        return rows
    chosen = (
        rows.filter(relevant())
        .with_columns(_wished=wished_for())
        .sort(["_wished", "rank"], descending=[True, False])
        .head(k)
        .drop("_wished")
    )
    return chosen.with_columns(rank=pl.int_range(1, pl.len() + 1, dtype=rows["rank"].dtype))
