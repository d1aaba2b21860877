"""Flat model features from the job seekers frame, and which features a person can change."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages, translator

__all__ = [
    "ACTIONABLE_FEATURES",
    "IMMUTABLE_FEATURES",
    "WORLD_FEATURES",
    "feature_label",
    "features_from_world",
    "training_frame",
]

_ = messages("openpes.profiling")

#: The features :func:`features_from_world` derives, in column order.
WORLD_FEATURES: tuple[str, ...] = (
    "isced",
    "region",
    "region_unemployment_rate",
    "n_skills",
    "experience_years",
    "n_past_occupations",
    "n_languages",
    "speaks_national_language",
    "driving_licence",
    "care_duties",
    "health_limitation",
    "previous_spells",
    "previous_unemployment_days",
    "registration_month",
    "preferred_hours",
    "preferred_contract",
    "max_distance_km",
)

#: Facts about a person's past or circumstances that support cannot change. Recourse
#: never proposes a change to them. Care duties and health are here on purpose: telling
#: someone to give up caring for a relative is exactly the kind of advice that made the
#: Austrian AMS model notorious.
IMMUTABLE_FEATURES: frozenset[str] = frozenset(
    {
        "region",
        "region_unemployment_rate",
        "experience_years",
        "n_past_occupations",
        "care_duties",
        "health_limitation",
        "previous_spells",
        "previous_unemployment_days",
        "registration_month",
    }
)

#: Features that a service of the PES can help change, and the direction that is help:
#: ``+1`` means "more" (a course adds skills or a language), ``True`` means "obtain it".
ACTIONABLE_FEATURES: dict[str, tuple[float | bool | str, ...]] = {
    "driving_licence": (True,),
    "speaks_national_language": (True,),
    "n_languages": (1, 2),
    "n_skills": (3, 6, 10),
    "isced": (1, 2),
    "max_distance_km": (10, 25),
    "preferred_hours": ("any",),
    "preferred_contract": ("any",),
}

_REQUIRED = {
    "isced",
    "region",
    "region_unemployment_rate",
    "skills",
    "experience_years",
    "past_occupations",
    "languages",
    "driving_licence",
    "care_duties",
    "health_limitation",
    "previous_spells",
    "previous_unemployment_days",
    "registered_on",
    "preferred_hours",
    "preferred_contract",
    "max_distance_km",
}


def features_from_world(
    jobseekers: pl.DataFrame,
    *,
    keep: tuple[str, ...] = ("jobseeker_id",),
    national_language: str = "de",
) -> pl.DataFrame:
    """Derive one flat row of model features per job seeker.

    List columns become counts (skills, languages, past occupations) or sums (years of
    experience); the registration date becomes its month (hiring is seasonal) and is
    also kept as ``registered_on`` for a temporal validation split. Nothing protected
    (sex, age, origin, disability) is in the job seekers frame, so nothing protected
    comes out.

    Parameters
    ----------
    jobseekers
        The ``jobseekers`` frame of :func:`openpes.synth.generate_world`, or a frame with
        the same columns.
    keep
        Identifier columns to carry through unchanged, when present.
    national_language
        ISO 639-1 code of the country's language (``"de"`` in the synthetic world);
        speaking it is its own feature, and a language course is a typical support.

    Returns
    -------
    polars.DataFrame
        ``keep`` columns, ``registered_on`` and the columns of :data:`WORLD_FEATURES`.

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> world = generate_world(50, 10, 2, seed=1)
    >>> features_from_world(world.jobseekers).columns[:4]
    ['jobseeker_id', 'registered_on', 'isced', 'region']
    """
    if not isinstance(jobseekers, pl.DataFrame):
        raise InputError(_("a Polars DataFrame of job seekers was expected"))
    missing = sorted(_REQUIRED - set(jobseekers.columns))
    if missing:
        raise InputError(
            _("the job seekers frame lacks the columns {names}").format(names=", ".join(missing)),
            column=missing[0],
        )
    kept = [c for c in keep if c in jobseekers.columns]
    return jobseekers.select(
        *kept,
        pl.col("registered_on"),
        pl.col("isced").cast(pl.Int32),
        pl.col("region"),
        pl.col("region_unemployment_rate").cast(pl.Float64),
        pl.col("skills").list.len().cast(pl.Int32).alias("n_skills"),
        pl.col("experience_years").list.sum().cast(pl.Float64).alias("experience_years"),
        pl.col("past_occupations").list.len().cast(pl.Int32).alias("n_past_occupations"),
        pl.col("languages").list.len().cast(pl.Int32).alias("n_languages"),
        pl.col("languages")
        .list.contains(pl.lit(national_language))
        .fill_null(False)
        .alias("speaks_national_language"),
        pl.col("driving_licence"),
        pl.col("care_duties"),
        pl.col("health_limitation"),
        pl.col("previous_spells").cast(pl.Int32),
        pl.col("previous_unemployment_days").cast(pl.Int32),
        pl.col("registered_on").dt.month().cast(pl.Int32).alias("registration_month"),
        pl.col("preferred_hours"),
        pl.col("preferred_contract"),
        pl.col("max_distance_km").cast(pl.Float64),
    )


def training_frame(
    jobseekers: pl.DataFrame,
    protected: pl.DataFrame,
    outcomes: pl.DataFrame,
    *,
    label: str = "employed_12m_recorded",
    truth: bool = False,
) -> pl.DataFrame:
    """Features, protected attributes and the target ``not_employed_12m`` in one frame.

    The target is the *recorded* outcome by default, because that is what a PES holds
    in its register; in the synthetic world it carries the label bias of
    :class:`openpes.synth.BiasConfig`, which is exactly what the audit must reveal.
    With ``truth=True`` the true outcome columns (``employed_12m``,
    ``employed_12m_unbiased``) are kept too, for audits against the truth; never
    train on them.

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> w = generate_world(50, 10, 2, seed=1)
    >>> frame = training_frame(w.jobseekers, w.protected, w.outcomes)
    >>> frame["not_employed_12m"].dtype
    Boolean
    """
    if label not in outcomes.columns:
        raise InputError(
            _("the outcomes frame has no column {name!r}").format(name=label), column=label
        )
    kept = ("employed_12m", "employed_12m_unbiased") if truth else ()
    truths = [c for c in kept if c in outcomes.columns and c != label]
    target = outcomes.select("jobseeker_id", (~pl.col(label)).alias("not_employed_12m"), *truths)
    return (
        features_from_world(jobseekers)
        .join(protected, on="jobseeker_id", how="left")
        .join(target, on="jobseeker_id", how="left")
    )


def feature_label(name: str, language: str = "en") -> str:
    """Plain-language name of a feature, in one of the five languages.

    Unknown features (a PES's own columns) keep their column name.

    Examples
    --------
    >>> feature_label("driving_licence", "fr")
    'permis de conduire'
    """
    return _labels(translator("openpes.profiling", language).gettext).get(name, name)


def _labels(_: Callable[[str], str]) -> dict[str, str]:
    return {
        "isced": _("education level (ISCED)"),
        "region": _("region"),
        "region_unemployment_rate": _("unemployment rate in the region"),
        "n_skills": _("number of recorded skills"),
        "experience_years": _("years of work experience"),
        "n_past_occupations": _("number of past occupations"),
        "n_languages": _("number of languages spoken"),
        "speaks_national_language": _("speaks the national language"),
        "driving_licence": _("driving licence"),
        "care_duties": _("care duties"),
        "health_limitation": _("health limitation"),
        "previous_spells": _("previous unemployment spells"),
        "previous_unemployment_days": _("days of previous unemployment"),
        "registration_month": _("month of registration"),
        "preferred_hours": _("preferred working hours"),
        "preferred_contract": _("preferred contract type"),
        "max_distance_km": _("maximum travel distance (km)"),
    }
