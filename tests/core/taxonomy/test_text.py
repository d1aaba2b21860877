"""Normalisation shared by search and extraction."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openpes.taxonomy._text import fold, normalise_label, stem, tokenise


def test_fold_strips_accents_and_case() -> None:
    assert fold("Électricien À Zürich") == "electricien a zurich"
    assert fold("STRASSE") == fold("straße")  # casefold, not lower


@pytest.mark.parametrize(
    ("words", "root"),
    [
        (["operate", "operates", "operated", "operating"], "operat"),
        (["forklift", "forklifts"], "forklift"),
        (["machine", "machines"], "machin"),
        (["process", "processes"], "process"),
        (["weld", "welds"], "weld"),
    ],
)
def test_stem_joins_word_forms(words: list[str], root: str) -> None:
    assert {stem(w) for w in words} == {root}


def test_tokenise_keeps_programming_language_names() -> None:
    assert [t for t, _, _ in tokenise("C++, C# and F#.")] == ["c++", "c#", "and", "f#"]


def test_normalise_label() -> None:
    assert normalise_label("  Fabricator/Welder (MIG)  ") == "fabricator welder mig"


@given(st.text())
def test_token_spans_point_into_the_original_text(text: str) -> None:
    for token, start, end in tokenise(text):
        assert fold(text[start:end]) == token
        assert token


@given(st.text())
def test_fold_is_idempotent_and_accent_free(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert not any(unicodedata.combining(c) for c in once)
    assert normalise_label(once) == normalise_label(text)
