"""Vacancy and training suggestions for one job seeker, ready for a page.

The catalogue of vacancies and trainings is the database's (``web/catalogue``); the match
index comes from a snapshot of it shared by every worker (``catalogue/index.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from openpes.matching import MatchIndex, explain_suggestion, explain_training, suggest_trainings
from openpes.web.caseload.enums import Contract, Hours
from openpes.web.caseload.frames import jobseekers_frame
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.taxonomy import label_of, taxonomy
from openpes.web.catalogue.index import CatalogueSnapshot, current_snapshot
from openpes.web.counselling.relevance import select_relevant
from openpes.web.counselling.wording import counsellor_reasons


def match_index() -> MatchIndex | None:
    snapshot = current_snapshot()
    return None if snapshot is None else snapshot.index


def index_version(snapshot: CatalogueSnapshot | None = None) -> str:
    """Which catalogue the suggestions came from: the first 12 hex digits of its version.

    A page that already holds the snapshot passes it (one read of the version per request).
    """
    snapshot = snapshot or current_snapshot()
    return "" if snapshot is None else f"catalogue-{snapshot.version[:12]}"


def _as_of() -> str:
    # "latest" (the newest posting) suits a catalogue exported as a snapshot.
    return os.environ.get("OPENPES_MATCH_AS_OF", "today")


@dataclass(frozen=True)
class TrainingView:
    training_id: str
    title: str
    sentence: str


@dataclass(frozen=True)
class SuggestionView:
    rank: int
    vacancy_id: str
    occupation: str
    region: str
    hours: str
    contract: str
    salary_eur: float
    distance_km: float
    score: float
    reasons: list[str]
    matched: list[str]
    missing: list[str]
    partial: list[tuple[str, str, str]]
    beyond_distance: bool = False
    closes_on: dt.date | None = None
    employer: str = ""
    #: Its HTML per (language, counsellor's view), written by the ``suggestion_body`` tag:
    #: a suggestion is kept per process with everything it was computed from (see
    #: ``suggestion_cache``), so its HTML, which depends on nothing else, is rendered once.
    html: dict[tuple[str, bool], str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def hours_label(self) -> str:
        return str(Hours(self.hours).label) if self.hours in Hours.values else self.hours

    @property
    def contract_label(self) -> str:
        return (
            str(Contract(self.contract).label)
            if self.contract in Contract.values
            else self.contract
        )


#: Below this many relevant suggestions within reach, farther relevant ones are shown too,
#: flagged as such, and the page says there are few close matches.
MIN_WITHIN_REACH = 3
NATIONWIDE_KM = 2000.0
#: How many candidates per suggestion the matcher is asked for before the relevance filter.
CANDIDATES = 3


@dataclass(frozen=True)
class Suggestions:
    available: bool
    vacancies: list[SuggestionView] = field(default_factory=list)
    trainings: list[TrainingView] = field(default_factory=list)
    top_occupation: str = ""
    few_close: bool = False
    #: The matching engine is paused (stop switch): the page says so and shows nothing.
    paused: bool = False
    related_occupations: list[str] = field(default_factory=list)


MAX_RELATED = 6


def related_occupations(jobseeker: JobSeeker) -> list[str]:
    """Other ESCO occupations of the same ISCO unit groups as the person's past or wished ones."""
    tax = taxonomy()
    own = [e.occupation_uri for e in jobseeker.experience.all()] + list(
        jobseeker.preferred_occupations
    )
    found: dict[str, str] = {}
    for uri in own:
        try:
            groups = tax.broader(uri)
        except KeyError:
            continue
        for group in groups:
            for sibling in tax.narrower(group):
                if sibling not in own and tax.kind(sibling) == "occupation":
                    found.setdefault(sibling, label_of(sibling))
    return sorted(found.values(), key=str.casefold)[:MAX_RELATED]


def suggestions_for(
    jobseeker: JobSeeker, *, language: str, k: int = 10, audience: str = "jobseeker"
) -> Suggestions:
    """The top vacancies with their reasons, and trainings that close the top one's gaps.

    ``audience`` is ``jobseeker`` (reasons say "you") or ``counsellor`` ("has ...").
    """
    snapshot = current_snapshot()
    if snapshot is None or snapshot.index is None:
        return Suggestions(available=False)
    index, vacancies = snapshot.index, snapshot.vacancies
    trainings = snapshot.trainings if snapshot.trainings.height else None
    person = jobseekers_frame([jobseeker])
    # Ask the matcher for more than k: the minimum-relevance rule may leave some out.
    nearby = index.suggest(person, k=k * CANDIDATES, as_of=_as_of())
    rows = select_relevant(nearby, k=k)
    few_close = rows.height < MIN_WITHIN_REACH
    if few_close:
        # Relevant vacancies farther away, clearly marked; never irrelevant ones nearby.
        wider = index.suggest(
            person.with_columns(max_distance_km=pl.lit(NATIONWIDE_KM)),
            k=k * CANDIDATES,
            as_of=_as_of(),
        )
        farther = select_relevant(
            wider.filter(~pl.col("vacancy_id").is_in(rows["vacancy_id"].implode())),
            k=k - rows.height,
        )
        rows = pl.concat([rows, farther]).with_columns(
            rank=pl.int_range(1, pl.len() + 1, dtype=rows["rank"].dtype)
        )
    details = {
        row["vacancy_id"]: row
        for row in vacancies.filter(pl.col("vacancy_id").is_in(rows["vacancy_id"].implode()))
        .select(
            "vacancy_id",
            "region",
            "hours",
            "contract",
            "closes_on",
            *(["employer"] if "employer" in vacancies.columns else []),
        )
        .iter_rows(named=True)
    }
    tax = taxonomy()
    views = []
    for row in rows.iter_rows(named=True):
        extra: dict[str, Any] = details.get(row["vacancy_id"], {})
        views.append(
            SuggestionView(
                rank=row["rank"],
                vacancy_id=row["vacancy_id"],
                occupation=label_of(row["occupation_uri"]),
                region=extra.get("region", ""),
                employer=extra.get("employer") or "",
                hours=extra.get("hours", ""),
                contract=extra.get("contract", ""),
                salary_eur=row["salary_eur"],
                distance_km=row["distance_km"],
                score=row["score"],
                reasons=(
                    counsellor_reasons(row, language=language)
                    if audience == "counsellor"
                    else explain_suggestion(row, language=language, taxonomy=tax)
                ),
                matched=[label_of(uri) for uri in row["matched_essential"]],
                missing=[label_of(uri) for uri in row["missing_essential"]],
                partial=[
                    (label_of(p["required"]), label_of(p["held"]), p["relation"])
                    for p in row["partial_matches"]
                ],
                beyond_distance=row["distance_km"] > jobseeker.max_distance_km,
                closes_on=extra.get("closes_on"),
            )
        )
    training_views: list[TrainingView] = []
    # Trainings close the gaps of the best match; with no relevant match, of the nearest one.
    gap = rows if rows.height else nearby
    if gap.height and trainings is not None:
        top = gap.row(0, named=True)
        chosen = suggest_trainings(person, top, trainings, k=3, language=language, taxonomy=tax)
        training_views = [
            TrainingView(
                t["training_id"], t["title"], explain_training(t, language=language, taxonomy=tax)
            )
            for t in chosen.iter_rows(named=True)
        ]
    return Suggestions(
        available=True,
        vacancies=views,
        trainings=training_views,
        top_occupation=label_of(gap.row(0, named=True)["occupation_uri"]) if gap.height else "",
        few_close=few_close,
        related_occupations=related_occupations(jobseeker) if few_close else [],
    )
