"""Plain-language explanations in every shipped language."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from openpes.i18n import LANGUAGES
from openpes.matching import MatchIndex, explain_suggestion, explain_training
from openpes.synth import World
from openpes.taxonomy import Taxonomy


@pytest.fixture(scope="module")
def rows(world: World, index: MatchIndex, early: dt.date) -> list[dict]:
    s = index.suggest(world.jobseekers, k=10, as_of=early)
    with_partial = s.filter(s["partial_matches"].list.len() > 0).row(0, named=True)
    with_occupation = s.filter(s["occupation_match"] == "same_occupation").row(0, named=True)
    return [with_partial, with_occupation]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_explains_and_stays_short(
    rows: list[dict], taxonomy: Taxonomy, language: str
) -> None:
    for row in rows:
        sentences = explain_suggestion(row, language=language, taxonomy=taxonomy)
        assert 2 <= len(sentences) <= 5
        # Read aloud: no sentence over about 45 words (skill labels included).
        assert all(len(s.split()) <= 45 for s in sentences)
        # Korean writes the unit without a space (22km); the others with one.
        assert re.search(rf"\b{row['distance_km']:.0f} ?km", sentences[-1])


def test_explanations_name_the_skills(rows: list[dict], taxonomy: Taxonomy) -> None:
    row = rows[0]
    text = " ".join(explain_suggestion(row, taxonomy=taxonomy))
    first = row["partial_matches"][0]
    assert taxonomy.label(first["held"]) in text and taxonomy.label(first["required"]) in text
    if row["missing_essential"]:
        assert taxonomy.label(row["missing_essential"][0]) in text
    held, total = (
        len(row["matched_essential"]),
        len(row["matched_essential"]) + len(row["missing_essential"]) + len(row["partial_matches"]),
    )
    assert f"{held} of the {total} essential" in text


def test_translations_differ_from_english(rows: list[dict], taxonomy: Taxonomy) -> None:
    english = explain_suggestion(rows[1], taxonomy=taxonomy)
    for language in ("fr", "de", "nl", "es"):
        other = explain_suggestion(rows[1], language=language, taxonomy=taxonomy)
        assert other[0] != english[0] and other[-1] != english[-1]
    assert "travaillé" in " ".join(explain_suggestion(rows[1], language="fr", taxonomy=taxonomy))


def test_singular_and_plural(taxonomy: Taxonomy) -> None:
    one = {"title": "A", "closes": [], "n_missing": 1}
    two = {"title": "A", "closes": [], "n_missing": 2}
    assert explain_training(one, taxonomy=taxonomy).endswith("missing essential skill.")
    assert explain_training(two, taxonomy=taxonomy).endswith("missing essential skills.")
    assert "manquantes" in explain_training(two, language="fr", taxonomy=taxonomy)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_estimated_occupation_is_explained_as_coming_from_skills(
    world: World, index: MatchIndex, early: dt.date, taxonomy: Taxonomy, language: str
) -> None:
    empty = pl.lit([], dtype=pl.List(pl.String))
    people = world.jobseekers.head(50).with_columns(
        past_occupations=empty, preferred_occupations=empty
    )
    s = index.suggest(people, k=10, as_of=early)
    row = s.filter(pl.col("occupation_match") == "same_occupation").row(0, named=True)
    assert row["occupation_basis"] == "skills"
    sentences = explain_suggestion(row, language=language, taxonomy=taxonomy)
    english = explain_suggestion(row, taxonomy=taxonomy)
    assert "your skills fit best" in english[-2]
    # Never the wording of a named occupation: the person did not name one.
    assert "worked" not in english[-2] and "looking for" not in english[-2]
    assert len(sentences) == len(english)
    if language != "en":
        assert sentences[-2] != english[-2]


@pytest.mark.parametrize(
    ("language", "score", "distance"),
    [
        ("en", "Match 72%", "1,234 km"),
        ("fr", "72\xa0%", "1\u202f234 km"),
        ("tr", "%72", "1.234 km"),
    ],
)
def test_the_score_and_distance_are_written_as_the_language_writes_numbers(
    taxonomy: Taxonomy, language: str, score: str, distance: str
) -> None:
    row = {
        "score": 0.72,
        "distance_km": 1234.4,
        "matched_essential": [],
        "missing_essential": [],
        "partial_matches": [],
        "occupation_match": "none",
        "occupation_basis": None,
    }
    sentences = explain_suggestion(row, language=language, taxonomy=taxonomy)
    assert score in sentences[0], sentences
    assert distance in sentences[-1], sentences
