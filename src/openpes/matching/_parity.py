"""Parity of suggestions for equally qualified job seekers, by protected group.

The matcher never sees protected attributes. Gaps can still arise through proxies: where
people live, the hours and contracts they accept, a driving licence, the languages they
speak, how far they can travel. Giving the *same* skills and occupations to people of every
group isolates exactly those proxies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.taxonomy import Crosswalk, Taxonomy, with_national_codes

__all__ = ["QUALIFICATION_COLUMNS", "equally_qualified", "parity_report"]

_ = messages("openpes.matching")

#: The columns that make two job seekers "equally qualified".
QUALIFICATION_COLUMNS: tuple[str, ...] = (
    "skills",
    "past_occupations",
    "experience_years",
    "preferred_occupations",
)


def equally_qualified(
    jobseekers: pl.DataFrame, *, profiles: int = 20, people: int = 1000, seed: int = 0
) -> pl.DataFrame:
    """Give each of ``profiles`` qualification profiles to each of ``people`` job seekers.

    Every output row keeps a real person's circumstances (place, hours, contract, licence,
    languages, reach) and takes a profile's skills and occupations, so that groups differ
    only through those circumstances.

    Returns
    -------
    polars.DataFrame
        The job seeker columns plus ``person_id`` and ``profile_id``; ``jobseeker_id`` is
        ``<person_id>~<profile_id>``.

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> world = generate_world(30, 10, 2, seed=1)
    >>> equally_qualified(world.jobseekers, profiles=2, people=5).height
    10
    """
    rng = np.random.default_rng(seed)
    n = jobseekers.height
    if n == 0:
        raise InputError(_("at least one job seeker was expected"), file="jobseekers")
    chosen_profiles = jobseekers[rng.choice(n, size=min(profiles, n), replace=False)]
    chosen_people = jobseekers[np.sort(rng.choice(n, size=min(people, n), replace=False))]
    qualification = [c for c in QUALIFICATION_COLUMNS if c in jobseekers.columns]
    templates = chosen_profiles.select(pl.col("jobseeker_id").alias("profile_id"), *qualification)
    return (
        chosen_people.drop(qualification)
        .rename({"jobseeker_id": "person_id"})
        .join(templates, how="cross")
        .with_columns(jobseeker_id=pl.concat_str("person_id", pl.lit("~"), "profile_id"))
        .select(jobseekers.columns + ["person_id", "profile_id"])
    )


def parity_report(
    suggestions: pl.DataFrame,
    jobseekers: pl.DataFrame,
    protected: pl.DataFrame,
    *,
    attributes: Sequence[str] = ("sex", "age_band", "origin"),
    crosswalk: Crosswalk | None = None,
    taxonomy: Taxonomy | None = None,
) -> pl.DataFrame:
    """Median salary and score of the suggested vacancies, by protected group.

    With a ``crosswalk``, the same figures are given per national occupation code of the
    suggested vacancies as well, so that a gap can be read occupation by occupation.

    Parameters
    ----------
    suggestions:
        Output of :meth:`MatchIndex.suggest` (needs ``salary_eur``).
    jobseekers:
        The job seekers matched, optionally from :func:`equally_qualified` (with
        ``person_id``); their circumstances are reported as possible proxies.
    protected:
        ``jobseeker_id`` (the person) and the ``attributes``. Used only here, never by
        the matcher.
    crosswalk:
        A national classification (:func:`openpes.taxonomy.load_crosswalk`). The
        suggestions then need ``occupation_uri`` (as :meth:`MatchIndex.suggest` gives).
    taxonomy:
        The ESCO taxonomy that places occupations in ISCO-08 groups (default: the bundle).

    Returns
    -------
    polars.DataFrame
        Per attribute and group: ``people``, ``suggestions_per_person``,
        ``median_salary_eur``, ``median_score``, the salary and score gaps to the whole
        population (group median minus overall median), and the proxies ``share_part_time``,
        ``share_driving_licence`` and ``median_max_distance_km``.

        With a ``crosswalk``, one row per attribute, group and national code instead, with
        ``national_code`` and ``national_label`` after ``group``. A suggestion counts under
        every code that covers its occupation (codes may share an ISCO-08 group); one whose
        occupation no code covers has an empty ``national_code``. ``people`` are those of
        the group with a suggestion under that code (their proxies are shown),
        ``suggestions_per_person`` is over everyone in the group (how far the group is
        steered to that occupation) and the gaps are to the code's median over all groups.

    Examples
    --------
    >>> import polars as pl
    >>> s = pl.DataFrame({"jobseeker_id": ["a", "b"], "score": [0.5, 0.7],
    ...                   "salary_eur": [30e3, 40e3]})
    >>> j = pl.DataFrame({"jobseeker_id": ["a", "b"], "preferred_hours": ["any", "part_time"],
    ...                   "driving_licence": [True, False], "max_distance_km": [20.0, 30.0]})
    >>> p = pl.DataFrame({"jobseeker_id": ["a", "b"], "sex": ["female", "male"]})
    >>> parity_report(s, j, p, attributes=["sex"])["median_salary_eur"].to_list()
    [30000.0, 40000.0]
    """
    for name in ("jobseeker_id", "score", "salary_eur"):
        if name not in suggestions.columns:
            raise InputError(_("this column is missing"), file="suggestions", column=name)
    if crosswalk is not None and "occupation_uri" not in suggestions.columns:
        raise InputError(_("this column is missing"), file="suggestions", column="occupation_uri")
    for name in attributes:
        if name not in protected.columns:
            raise InputError(_("this column is missing"), file="protected", column=name)
    person = "person_id" if "person_id" in jobseekers.columns else "jobseeker_id"
    people = jobseekers.select(
        "jobseeker_id",
        person=pl.col(person),
        part_time=pl.col("preferred_hours") == "part_time",
        licence=pl.col("driving_licence"),
        reach=pl.col("max_distance_km"),
    ).join(
        protected.select(pl.col("jobseeker_id").alias("person"), *attributes),
        on="person",
        how="left",
    )
    if crosswalk is not None:
        return _by_national_code(suggestions, people, attributes, crosswalk, taxonomy)
    rows = suggestions.select("jobseeker_id", "score", "salary_eur").join(people, on="jobseeker_id")
    overall_salary = rows["salary_eur"].median()
    overall_score = rows["score"].median()
    counts = suggestions.group_by("jobseeker_id").len("n")
    parts: list[pl.DataFrame] = []
    for attribute in attributes:
        per_person = people.join(counts, on="jobseeker_id", how="left").with_columns(
            pl.col("n").fill_null(0)
        )
        proxies = per_person.group_by(attribute).agg(
            people=pl.col("person").n_unique(),
            suggestions_per_person=pl.col("n").mean(),
            **_PROXIES,
        )
        medians = rows.group_by(attribute).agg(
            median_salary_eur=pl.col("salary_eur").median(), median_score=pl.col("score").median()
        )
        parts.append(
            proxies.join(medians, on=attribute, how="left")
            .with_columns(
                attribute=pl.lit(attribute),
                group=pl.col(attribute).cast(pl.String),
                salary_gap_eur=pl.col("median_salary_eur") - overall_salary,
                score_gap=pl.col("median_score") - overall_score,
            )
            .drop(attribute)
        )
    return pl.concat([p.select(_COLUMNS) for p in parts]).sort(["attribute", "group"])


_COLUMNS = [
    "attribute",
    "group",
    "people",
    "suggestions_per_person",
    "median_salary_eur",
    "median_score",
    "salary_gap_eur",
    "score_gap",
    "share_part_time",
    "share_driving_licence",
    "median_max_distance_km",
]
_PROXIES = {
    "share_part_time": pl.col("part_time").mean(),
    "share_driving_licence": pl.col("licence").mean(),
    "median_max_distance_km": pl.col("reach").median(),
}


def _by_national_code(
    suggestions: pl.DataFrame,
    people: pl.DataFrame,
    attributes: Sequence[str],
    crosswalk: Crosswalk,
    taxonomy: Taxonomy | None,
) -> pl.DataFrame:
    """The parity figures per attribute, group and national code (see :func:`parity_report`)."""
    coded = (
        with_national_codes(
            suggestions.select("jobseeker_id", "score", "salary_eur", "occupation_uri"),
            crosswalk,
            taxonomy=taxonomy,
        )
        .with_columns(
            national_code=pl.when(pl.col("national_code").list.len() > 0)
            .then(pl.col("national_code"))
            .otherwise(pl.lit([""], dtype=pl.List(pl.String())))
        )
        .explode("national_code")
        .join(people, on="jobseeker_id")
    )
    overall = coded.group_by("national_code").agg(
        _salary=pl.col("salary_eur").median(), _score=pl.col("score").median()
    )
    labels = crosswalk.entries.select(national_code="code", national_label="label")
    parts: list[pl.DataFrame] = []
    for attribute in attributes:
        everyone = people.group_by(attribute).agg(_everyone=pl.col("jobseeker_id").n_unique())
        suggested = (
            coded.group_by(attribute, "national_code")
            .agg(
                people=pl.col("person").n_unique(),
                _n=pl.len(),
                median_salary_eur=pl.col("salary_eur").median(),
                median_score=pl.col("score").median(),
            )
            .join(everyone, on=attribute, how="left", nulls_equal=True)
        )
        proxies = (
            coded.unique(["jobseeker_id", "national_code"])
            .group_by(attribute, "national_code")
            .agg(**_PROXIES)
        )
        parts.append(
            suggested.join(proxies, on=[attribute, "national_code"], nulls_equal=True)
            .join(overall, on="national_code")
            .with_columns(
                attribute=pl.lit(attribute),
                group=pl.col(attribute).cast(pl.String),
                suggestions_per_person=pl.col("_n") / pl.col("_everyone"),
                salary_gap_eur=pl.col("median_salary_eur") - pl.col("_salary"),
                score_gap=pl.col("median_score") - pl.col("_score"),
            )
        )
    columns = _COLUMNS[:2] + ["national_code", "national_label"] + _COLUMNS[2:]
    return (
        pl.concat([p.join(labels, on="national_code", how="left").select(columns) for p in parts])
        .with_columns(pl.col("national_label").fill_null(""))
        .sort(["attribute", "group", "national_code"])
    )
