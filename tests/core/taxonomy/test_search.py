"""Fuzzy label search."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.taxonomy import SearchHit, Taxonomy
from openpes.taxonomy._text import normalise_label

TAX = Taxonomy.load()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("welder", "welder"),
        ("nurse", "nurse responsible for general care"),
        ("forklift driver", "forklift operator"),
        ("Forklift Driver", "forklift operator"),
        ("WÉLDER", "welder"),  # accents and case are ignored
        ("électricien", "electrician"),  # an accented, misspelt query still lands
        ("weldr", "welder"),  # a typo
        ("software developer", "software developer"),
    ],
)
def test_obvious_occupation_comes_first(query: str, expected: str) -> None:
    assert TAX.search(query)[0].label == expected


def test_alternative_label_is_reported() -> None:
    hit = TAX.search("forklift driver")[0]
    assert hit.matched_label == "forklift driver"
    assert hit.label == "forklift operator"
    assert hit.uri in TAX.occupations["uri"].to_list()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Python", "Python (computer programming)"),
        ("communication", "communication"),
        ("operate forklift", "operate forklift"),
    ],
)
def test_skill_search(query: str, expected: str) -> None:
    hits = TAX.search(query, kind="skill")
    assert hits[0].label == expected
    assert hits[0].uri in TAX.skills["uri"].to_list()


def test_limit_and_order() -> None:
    hits = TAX.search("driver", limit=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.uri for h in hits}) == 7
    assert TAX.search("driver", limit=0) == []


def test_nothing_to_search() -> None:
    assert TAX.search("  ...  ") == []


def test_bad_kind() -> None:
    with pytest.raises(InputError, match="kind"):
        TAX.search("welder", kind="vacancy")  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(TAX.occupations["label"].to_list()))
def test_a_preferred_label_finds_an_exact_match(label: str) -> None:
    hit = TAX.search(label, limit=3)[0]
    # ESCO reuses a few labels as another concept's synonym; the match must still be exact.
    assert normalise_label(hit.matched_label) == normalise_label(label)
    assert hit.score >= 92


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_ranking_ignores_row_order(seed: int) -> None:
    rows = TAX.occupations.sample(fraction=1.0, shuffle=True, seed=seed)
    frames = dataclasses.replace(TAX._frames(), occupations=rows)
    shuffled = Taxonomy(frames, version=TAX.version, language=TAX.language)
    for query in ("nurse", "weldr", "driver", "teacher", "électricien"):
        assert shuffled.search(query, limit=10) == TAX.search(query, limit=10)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["occupation", "skill"]), st.integers(1, 15))
def test_any_text_gives_well_formed_hits(text: str, kind: str, limit: int) -> None:
    hits = TAX.search(text, kind=kind, limit=limit)  # type: ignore[arg-type]
    assert len(hits) <= limit
    assert all(isinstance(h, SearchHit) and 0 < h.score <= 100 for h in hits)
    assert len({h.uri for h in hits}) == len(hits)
