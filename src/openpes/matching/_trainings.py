"""Trainings that together close the most missing essential skills (greedy set cover)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import polars as pl

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.i18n import Language, messages
from openpes.matching._explain import _taxonomy, as_row, explain_training
from openpes.matching._schema import TRAINING_SCHEMA, validate
from openpes.matching._vocabulary import neighbour_sets

if TYPE_CHECKING:
    from openpes.taxonomy import Taxonomy

__all__ = ["cover_gaps", "suggest_trainings"]

_ = messages("openpes.matching")


def _prepared(trainings: IntoFrame, as_of: dt.date | None, source: str) -> pl.DataFrame:
    data = validate(trainings, TRAINING_SCHEMA, source=source)
    starts = (
        pl.col("start_dates").list.eval(pl.element().filter(pl.element() >= as_of))
        if as_of
        else pl.col("start_dates")
    )
    data = data.with_columns(next_start=starts.list.min())
    # A training with no start date on or after as_of cannot be joined.
    return data.filter(pl.col("next_start").is_not_null()) if as_of else data


def cover_gaps(
    gaps: pl.DataFrame,
    trainings: IntoFrame,
    *,
    k: int = 3,
    as_of: dt.date | None = None,
    source: str = "trainings",
) -> pl.DataFrame:
    """Greedy cover of each person's missing skills by at most ``k`` trainings, vectorised.

    Parameters
    ----------
    gaps:
        ``key`` (any identifier) and ``missing`` (list of skill URIs).
    trainings:
        A frame with the columns of :data:`TRAINING_SCHEMA`.
    k:
        Trainings per key. Each step takes the training that closes the most of the skills
        still missing; ties go to the shorter training, then the earlier start, then the id.
    as_of:
        When given, only trainings starting on or after this date count.

    Returns
    -------
    polars.DataFrame
        ``key, order, training_id, title, closes, n_closes, n_missing, duration_weeks,
        next_start``.

    Examples
    --------
    >>> import datetime as dt, polars as pl
    >>> gaps = pl.DataFrame({"key": ["a"], "missing": [["s1", "s2", "s3"]]})
    >>> trainings = pl.DataFrame({"training_id": ["T1", "T2"], "title": ["One", "Two"],
    ...     "skills_taught": [["s1"], ["s2", "s3"]], "duration_weeks": [2.0, 8.0],
    ...     "start_dates": [[dt.date(2025, 1, 6)], [dt.date(2025, 2, 3)]]})
    >>> cover_gaps(gaps, trainings)["training_id"].to_list()
    ['T2', 'T1']
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InputError(_("k must be a whole number of at least 1, got {value!r}").format(value=k))
    data = _prepared(trainings, as_of, source)
    taught = (
        data.select("training_id", skill=pl.col("skills_taught"))
        .explode("skill")
        .drop_nulls()
        .unique()
    )
    facts = data.select("training_id", "title", "duration_weeks", "next_start")
    gaps = gaps.select("key", pl.col("missing").cast(pl.List(pl.String)))
    totals = gaps.select("key", n_missing=pl.col("missing").list.len())
    remaining = (
        gaps.select("key", skill=pl.col("missing"))
        .explode("skill")
        .drop_nulls()
        .unique(maintain_order=True)
    )
    chosen: list[pl.DataFrame] = []
    for step in range(1, k + 1):
        gains = (
            remaining.join(taught, on="skill")
            .group_by("key", "training_id")
            .agg(closes=pl.col("skill").sort(), n_closes=pl.len())
            .join(facts, on="training_id")
            .sort(
                ["key", "n_closes", "duration_weeks", "next_start", "training_id"],
                descending=[False, True, False, False, False],
                nulls_last=True,
            )
            .unique("key", keep="first", maintain_order=True)
        )
        if gains.height == 0:
            break
        chosen.append(gains.with_columns(order=pl.lit(step, dtype=pl.Int32)))
        closed = gains.select("key", skill=pl.col("closes")).explode("skill")
        remaining = remaining.join(closed, on=["key", "skill"], how="anti")
    columns = [
        "key",
        "order",
        "training_id",
        "title",
        "closes",
        "n_closes",
        "n_missing",
        "duration_weeks",
        "next_start",
    ]
    if not chosen:
        schema: dict[str, Any] = {
            "key": gaps.schema["key"],
            "order": pl.Int32,
            "training_id": pl.String,
            "title": pl.String,
            "closes": pl.List(pl.String),
            "n_closes": pl.UInt32,
            "n_missing": pl.UInt32,
            "duration_weeks": pl.Float64,
            "next_start": pl.Date,
        }
        return pl.DataFrame(schema=schema)
    return (
        pl.concat(chosen)
        .join(totals, on="key")
        .select(columns)
        .sort(["key", "order"], maintain_order=True)
    )


def _missing_skills(person: dict[str, Any], target: Any, taxonomy: Taxonomy) -> list[str]:
    """Essential skills of the target that the person has neither exactly nor in part."""
    if isinstance(target, str):
        essential = taxonomy.skills_of(target, relation="essential")
    else:
        row = as_row(target, what="target")
        if "missing_essential" in row:
            return [str(s) for s in row["missing_essential"] or []]
        if "essential_skills" not in row:
            raise InputError(
                _("a vacancy, a suggestion or an occupation URI was expected"),
                file="target",
                column="essential_skills",
            )
        essential = list(row["essential_skills"] or [])
    held = set(person.get("skills") or [])
    near = neighbour_sets(taxonomy)
    return [s for s in essential if s not in held and not near.get(s, set()) & held]


def suggest_trainings(
    jobseeker: Any,
    target: Any,
    trainings: IntoFrame,
    *,
    k: int = 3,
    as_of: dt.date | None = None,
    language: Language | str = "en",
    taxonomy: Taxonomy | None = None,
) -> pl.DataFrame:
    """Trainings that together close the most missing essential skills for a target.

    Parameters
    ----------
    jobseeker:
        One job seeker (mapping or one-row frame) with ``skills``.
    target:
        A vacancy row (with ``essential_skills``), a row of :meth:`MatchIndex.suggest`
        (its ``missing_essential`` are used as they are) or an ESCO occupation URI.
    trainings:
        A frame with the columns of :data:`TRAINING_SCHEMA`.
    k:
        At most this many trainings, chosen by greedy cover with duration and start date
        as tie-breaks.
    as_of:
        When given, only trainings starting on or after this date are suggested.
    language:
        Language of the ``explanation`` column.

    Returns
    -------
    polars.DataFrame
        ``order, training_id, title, closes, n_closes, n_missing, duration_weeks,
        next_start, explanation`` ("closes N of M missing essential skills: …").

    Examples
    --------
    >>> import datetime as dt, polars as pl
    >>> trainings = pl.DataFrame({"training_id": ["T1"], "title": ["Basics"],
    ...     "skills_taught": [["s1"]], "duration_weeks": [2.0],
    ...     "start_dates": [[dt.date(2025, 1, 6)]]})
    >>> gap = {"missing_essential": ["s1", "s2"]}
    >>> suggest_trainings({"skills": []}, gap, trainings)["n_closes"][0]
    1
    """
    person = as_row(jobseeker, what="jobseeker")
    tax = _taxonomy(taxonomy)
    missing = _missing_skills(person, target, tax)
    gaps = pl.DataFrame(
        {"key": [0], "missing": [missing]}, schema={"key": pl.Int64, "missing": pl.List(pl.String)}
    )
    chosen = cover_gaps(gaps, trainings, k=k, as_of=as_of).drop("key")
    explanations = [
        explain_training(r, language=language, taxonomy=tax) for r in chosen.iter_rows(named=True)
    ]
    return chosen.with_columns(explanation=pl.Series(explanations, dtype=pl.String))
