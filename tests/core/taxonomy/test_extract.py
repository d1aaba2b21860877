"""Skill extraction from free text."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.taxonomy import SkillHit, Taxonomy
from openpes.taxonomy._text import normalise_label

TAX = Taxonomy.load()
URI = dict(zip(TAX.skills["label"], TAX.skills["uri"], strict=False))
# Multi-word preferred labels of skills, a realistic thing to find in a vacancy text.
LABELS = (
    TAX.skills.filter(pl.col("label").str.count_matches(" ") >= 2)["label"].head(3000).to_list()
)
FILLER = ["We are a friendly team.", "The job is full time.", "Apply before Monday!"]


def test_finds_skills_with_spans_and_confidence() -> None:
    text = "Experienced welder. I operated forklifts and did project management in English."
    hits = TAX.extract_skills(text)
    found = {text[h.start : h.end]: h for h in hits}
    assert found["operated forklifts"].uri == URI["operate forklift"]
    assert found["project management"].uri == URI["project management"]
    assert found["English"].uri == URI["English"]
    # A word-for-word preferred label is more certain than a stemmed match,
    # and a longer label more certain than a one-word one.
    assert found["project management"].confidence > found["operated forklifts"].confidence
    assert found["operated forklifts"].confidence > found["English"].confidence
    assert all(isinstance(h, SkillHit) and 0 < h.confidence <= 1 for h in hits)


def test_alternative_labels_count() -> None:
    initiative = TAX.skills.filter(pl.col("label") == "show initiative").row(0, named=True)
    assert "take the initiative" in initiative["alt_labels"]
    text = "You take the initiative."
    hit = next(h for h in TAX.extract_skills(text) if h.uri == initiative["uri"])
    assert text[hit.start : hit.end] == "take the initiative"
    preferred = next(
        h for h in TAX.extract_skills("You show initiative.") if h.uri == initiative["uri"]
    )
    assert hit.confidence < preferred.confidence


def test_longest_label_wins() -> None:
    text = "Skills: manage a team and project management software."
    spans = [text[h.start : h.end] for h in TAX.extract_skills(text)]
    assert "project management software" in spans
    assert "project management" not in spans


def test_labels_do_not_cross_sentences() -> None:
    # Label hits; a "meaning" hit spans one whole sentence (see test_retrieval.py).
    spans = [
        h for h in TAX.extract_skills("We value project. Management is key.") if h.source == "label"
    ]
    assert all("." not in "We value project. Management is key."[h.start : h.end] for h in spans)


def test_nothing_in_empty_or_plain_text() -> None:
    assert TAX.extract_skills("") == []
    assert TAX.extract_skills("The and of a to.") == []


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True), st.randoms())
def test_inserted_labels_are_found_and_hits_never_overlap(labels: list[str], rnd) -> None:  # type: ignore[no-untyped-def]
    parts = []
    for label in labels:
        parts.append(rnd.choice(FILLER))
        parts.append(f"You {label}.")
    text = " ".join(parts)
    hits = TAX.extract_skills(text)
    # Skills that share a label share its span; distinct label spans never overlap
    # (a "meaning" hit spans its whole sentence, around the labels in it).
    spans = sorted({(h.start, h.end) for h in hits if h.source == "label"})
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start
    found = {h.uri for h in hits}
    for label in labels:
        # A label may be swallowed by a longer label that contains it; then the
        # hit's text still contains the inserted label.
        uri = URI[label]
        assert uri in found or any(
            normalise_label(label) in normalise_label(text[h.start : h.end]) for h in hits
        )
    for h in hits:
        assert normalise_label(text[h.start : h.end])


def test_acronym_labels_match_capitals_only() -> None:
    # "LESS" (a style-sheet language) and "CALL" are ESCO labels; "less" and "call" are words.
    less = TAX.skills.filter(pl.col("label") == "LESS")["uri"][0]
    words = {h.uri for h in TAX.extract_skills("Waste less time on every call.")}
    assert less not in words and URI["Computer Assisted Language Learning"] not in words
    acronyms = TAX.extract_skills("Front end: LESS and CALL.")
    assert less in {h.uri for h in acronyms if h.source == "label"}


def test_one_word_label_in_passing_needs_the_ranking() -> None:
    # "plans" stems to the label "plan"; the sentence is about reading drawings.
    text = "Reading building plans and drawings."
    assert URI["plan"] not in {h.uri for h in TAX.extract_skills(text)}
    # A preferred label written out, even of one word, is kept.
    assert URI["plan"] in {h.uri for h in TAX.extract_skills("Skills: plan.")}
