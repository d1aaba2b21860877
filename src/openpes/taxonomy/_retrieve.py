"""Hybrid skill retrieval: labels, BM25, a sentence encoder and ESCO's structure.

Each signal sees something the others miss:

- **labels** (``_search.LabelIndex`` for a short query, ``_extract.SkillExtractor``
  for a sentence): the text *is* or *contains* a skill label; precise, English-only;
- **BM25** over labels, synonyms and descriptions (``_bm25``): shared content words,
  such as *laundry* in *wash the laundry*;
- **dense**: the multilingual sentence encoder (``_dense``) matches meaning across
  wording and language (*chariot élévateur* -> *operate forklift*), against each
  skill's label vector;
- **description**: the same query vector against each skill's *description* vector
  (ESCO's first sentence about the skill): a paraphrase often shares the
  description's words or idea more than the label's. A skill without a description
  vector takes its label similarity here, so it is not handicapped;
- **structure**: a skill is likelier when ESCO relates it to other strong
  candidates, and when it is essential to the occupation the text names.

The signals are scaled to ``[0, 1]`` per query and added with fixed weights; the
fused score goes through a logistic curve to a confidence in ``(0, 1)``: the chance
that the hit is a right answer. Weights and curve were fitted on the *dev* split of
``benchmarks/data`` (see ``benchmarks/skill_retrieval.py --tune``), never on the
test split the benchmark reports.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import polars as pl

from openpes.taxonomy._bm25 import BM25Index, content_terms
from openpes.taxonomy._dense import Encoder
from openpes.taxonomy._descriptions import DescriptionVectors
from openpes.taxonomy._extract import SkillExtractor, SkillHit
from openpes.taxonomy._search import LabelIndex, SearchHit

__all__ = [
    "HYBRID_WEIGHTS",
    "LABEL_VECTOR_WEIGHTS",
    "LEXICAL_WEIGHTS",
    "FusionWeights",
    "SkillRetriever",
    "extract",
]

_CANDIDATES = 100  # per signal, before fusion
_SHORT_QUERY = 4  # words; longer text is a sentence, read by the label extractor
_QUERY_CACHE = 4096  # query vectors kept (a search box repeats its queries as one types)
# A segment ends at a line break, a bullet, or a sentence stop followed by a space.
_SEGMENT_BREAK = re.compile(
    r"\n+|[\u2022\u25cf\u25aa\u2013\u2014|]|(?<=[.!?;])\s+|^\s*[-*]\s+", re.M
)


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """Weights of each signal and the confidence curve (fitted on the dev split)."""

    label: float = 1.0
    bm25: float = 0.45
    dense: float = 0.6
    occupation: float = 0.15
    neighbours: float = 0.1
    description: float = 0.0
    # confidence = 1 / (1 + exp(-(slope * fused + intercept)))
    slope: float = 4.0
    intercept: float = -3.0
    # dense cosines below the query's cut-off count as zero; scale is its spread.
    dense_pool: int = 200
    # extraction: a segment's best hit is suggested at or above this confidence
    extract_threshold: float = 0.5
    extract_per_segment: int = 2
    # a further hit of the segment: at least this fraction of the best one's confidence
    # (is it nearly as likely?); None: the fixed threshold, as for the best one
    extract_next_ratio: float | None = None
    # a label mention is kept when the segment's fused ranking puts its skill within
    # the first ``extract_label_rank``, or when its own confidence is this high
    # (0.66: a preferred label written word for word, even of one word, "English")
    extract_label_rank: int = 3
    extract_label_keep: float = 0.66


# Fitted by ``benchmarks/skill_retrieval.py --tune`` on the dev split: with description
# vectors (HYBRID), with label vectors only (an imported ESCO whose descriptions are not
# embedded yet), and without the encoder (LEXICAL).
HYBRID_WEIGHTS = FusionWeights(
    label=1.0,
    bm25=1.0,
    dense=1.2,
    occupation=0.0,
    neighbours=0.1,
    description=1.6,
    slope=2.276,
    intercept=-8.587,
    extract_threshold=0.15,
    extract_per_segment=2,
    extract_next_ratio=0.5,
    extract_label_rank=1,
    extract_label_keep=0.66,
)
LABEL_VECTOR_WEIGHTS = FusionWeights(
    label=1.0,
    bm25=1.0,
    dense=1.6,
    occupation=0.0,
    neighbours=0.1,
    slope=2.169,
    intercept=-6.084,
    extract_threshold=0.15,
    extract_per_segment=2,
    extract_label_rank=1,
    extract_label_keep=0.66,
)
LEXICAL_WEIGHTS = FusionWeights(
    label=1.0,
    bm25=1.0,
    dense=0.0,
    occupation=0.1,
    neighbours=0.05,
    slope=2.492,
    intercept=-4.372,
    extract_threshold=0.1,
    extract_per_segment=1,
    extract_label_rank=1,
    extract_label_keep=0.66,
)


@dataclass(frozen=True, slots=True)
class Signals:
    """The per-candidate signals of one query (the benchmark tunes on these)."""

    candidates: np.ndarray
    label: np.ndarray
    bm25: np.ndarray
    dense: np.ndarray
    description: np.ndarray
    occupation: np.ndarray
    neighbours: np.ndarray  # row index of each candidate's ESCO neighbours (ragged)


class SkillRetriever:
    """Ranks the skills of one taxonomy for a word, a phrase or a sentence."""

    def __init__(
        self,
        skills: pl.DataFrame,
        *,
        labels: LabelIndex,
        extractor: SkillExtractor,
        occupations: LabelIndex,
        occupation_skills: dict[str, list[str]],
        neighbours: dict[str, list[str]],
        encoder: Encoder | None,
        vectors: np.ndarray | None,
        descriptions: DescriptionVectors | None = None,
        bm25: BM25Index | None = None,
        weights: FusionWeights | None = None,
    ) -> None:
        self._uris: list[str] = skills["uri"].to_list()
        self._labels: list[str] = skills["label"].to_list()
        self._row = {uri: i for i, uri in enumerate(self._uris)}
        self._label_index = labels
        self._extractor = extractor
        self._occupations = occupations
        self._occupation_skills = {
            occ: np.asarray([self._row[u] for u in uris if u in self._row], dtype=np.int64)
            for occ, uris in occupation_skills.items()
        }
        self._neighbours = [
            np.asarray([self._row[u] for u in neighbours.get(uri, []) if u in self._row])
            for uri in self._uris
        ]
        self._bm25 = bm25 if bm25 is not None else BM25Index(skills)
        self._encoder = encoder if vectors is not None else None
        self._vectors = vectors
        self._descriptions = descriptions
        # The label vectors that stand in for missing description vectors (see _dense).
        self._stand_ins: tuple[DescriptionVectors, np.ndarray, np.ndarray] | None = None
        self._weights = weights
        # Shared by shallow copies (the benchmark's variants): a vector depends on the text only.
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def weights(self) -> FusionWeights:
        """The given weights, else those fitted for this mode (hybrid or lexical)."""
        if self._weights is not None:
            return self._weights
        if self._encoder is None:
            return LEXICAL_WEIGHTS
        return HYBRID_WEIGHTS if self.described else LABEL_VECTOR_WEIGHTS

    @property
    def described(self) -> bool:
        """Whether any skill has a description vector (the description signal counts)."""
        d = self._descriptions
        return self._encoder is not None and d is not None and bool(d.present.any())

    @property
    def dense(self) -> bool:
        """Whether the sentence encoder takes part (False on a minimal install)."""
        return self._encoder is not None

    # -- signals --------------------------------------------------------------------------

    def _label_signal(self, text: str) -> dict[int, float]:
        if len(text.split()) <= _SHORT_QUERY:
            hits = self._label_index.search(text, limit=30)
            # 50 and below is a loose fuzzy match; 92+ an exact label.
            found = {self._row[h.uri]: max(0.0, (h.score - 50.0) / 50.0) for h in hits}
        else:
            found = {}
        for hit in self._extractor.extract(text):
            row = self._row[hit.uri]
            found[row] = max(found.get(row, 0.0), hit.confidence)
        return found

    def encode(self, texts: list[str]) -> list[np.ndarray]:
        """Query vectors of ``texts``: cached ones reused, the rest in one encoder call."""
        assert self._encoder is not None
        cache = self._query_vectors
        missing = list(dict.fromkeys(t for t in texts if t not in cache))
        if missing:
            cache.update(zip(missing, self._encoder.queries(missing), strict=True))
        out = []
        for text in texts:
            cache.move_to_end(text)
            out.append(cache[text])
        while len(cache) > _QUERY_CACHE:
            cache.popitem(last=False)
        return out

    def related(self, a: str, b: str) -> bool:
        """Whether ESCO links skills ``a`` and ``b`` (broader, narrower or related)."""
        row_a, row_b = self._row.get(a), self._row.get(b)
        if row_a is None or row_b is None:
            return False
        return bool(np.any(self._neighbours[row_a] == row_b)) or bool(
            np.any(self._neighbours[row_b] == row_a)
        )

    def _scaled(self, cosine: np.ndarray) -> np.ndarray:
        """Cosines to ``[0, 1]``: 1 for the best, 0 at and below the pool's cut-off."""
        pool = min(self.weights.dense_pool, len(cosine) - 1)
        top = np.partition(-cosine, [0, pool])
        best, floor = -top[0], -top[pool]
        return np.clip((cosine - floor) / max(best - floor, 1e-6), 0.0, 1.0)

    def _dense_signal(self, text: str) -> np.ndarray | None:
        """The label similarity of every skill, scaled per query."""
        if self._encoder is None or self._vectors is None:
            return None
        return self._scaled(self._vectors @ self.encode([text])[0])

    def _description_signal(self, text: str, candidates: np.ndarray) -> np.ndarray:
        """The description similarity of the candidates, scaled among them.

        Only the candidates that the other signals found are scored: a scan of all
        13,864 description vectors would cost a few milliseconds per query, for
        skills that no other signal ranks. A skill without a description vector
        takes its label vector, in the same stored form, instead.
        """
        d = self._descriptions
        assert d is not None and self._vectors is not None  # self.described
        if self._stand_ins is None or self._stand_ins[0] is not d:
            absent, stand_ins = d.stand_ins(self._vectors)
            lookup = np.full(len(d.present), -1, dtype=np.int64)
            lookup[absent] = np.arange(len(absent))
            self._stand_ins = (d, lookup, stand_ins)
        _, lookup, stand_ins = self._stand_ins
        rows = d.rows[candidates]
        stand_in = lookup[candidates]
        if np.any(stand_in >= 0):
            rows[stand_in >= 0] = stand_ins[stand_in[stand_in >= 0]]
        cosine = rows @ self.encode([text])[0]
        if not len(cosine):
            return cosine
        best, floor = float(cosine.max()), float(cosine.min())
        return np.clip((cosine - floor) / max(best - floor, 1e-6), 0.0, 1.0)

    def _occupation_signal(self, text: str) -> np.ndarray:
        """1 for the essential skills of the occupation the text names, else 0."""
        out = np.zeros(len(self._uris))
        if len(text.split()) > _SHORT_QUERY:
            return out
        occupation = self._occupations.word_match(text)
        rows = self._occupation_skills.get(occupation) if occupation else None
        if rows is not None and len(rows):
            out[rows] = 1.0
        return out

    def signals(self, text: str) -> Signals:
        label = self._label_signal(text)
        bm25 = self._bm25.scores(text)
        top_bm25 = bm25.max() if len(bm25) else 0.0
        bm25 = bm25 / top_bm25 if top_bm25 > 0 else bm25
        dense = self._dense_signal(text)
        pools = [np.fromiter(label, dtype=np.int64, count=len(label))]
        k = min(_CANDIDATES, len(bm25))
        top_bm25_rows = np.argpartition(-bm25, k - 1)[:k]
        pools.append(top_bm25_rows[bm25[top_bm25_rows] > 0])
        if dense is not None:
            pools.append(np.argpartition(-dense, k - 1)[:k])
        occupation = self._occupation_signal(text)
        pools.append(np.flatnonzero(occupation)[:k])
        candidates = np.unique(np.concatenate(pools)).astype(np.int64)
        label_arr = np.array([label.get(int(c), 0.0) for c in candidates])
        return Signals(
            candidates=candidates,
            label=label_arr,
            bm25=bm25[candidates],
            dense=dense[candidates] if dense is not None else np.zeros(len(candidates)),
            description=(
                self._description_signal(text, candidates)
                if self.described
                else dense[candidates]
                if dense is not None
                else np.zeros(len(candidates))
            ),
            occupation=occupation[candidates],
            neighbours=np.asarray([self._neighbours[c] for c in candidates], dtype=object),
        )

    # -- fusion ---------------------------------------------------------------------------

    def fuse(
        self,
        sig: Signals,
        weights: FusionWeights | None = None,
        *,
        near: np.ndarray | None = None,
    ) -> np.ndarray:
        """Fused score of each candidate; ``near`` is ``neighbour_positions(sig)``, if known."""
        w = weights or self.weights
        dense_weight = w.dense if self._encoder is not None else 0.0
        description_weight = w.description if self._encoder is not None else 0.0
        base = (
            w.label * sig.label
            + w.bm25 * sig.bm25
            + dense_weight * sig.dense
            + description_weight * sig.description
            + w.occupation * sig.occupation
        )
        if w.neighbours and len(base):
            # Support from ESCO neighbours that are candidates too, relative to the best.
            near = neighbour_positions(sig) if near is None else near
            if near.shape[1]:
                padded = np.append(base, -np.inf)  # position -1: no neighbour
                best = padded[near].max(axis=1)
                top = base.max() or 1.0
                base = base + w.neighbours * np.where(np.isfinite(best), best / top, 0.0)
        return base

    def confidence(self, fused: float) -> float:
        w = self.weights
        return 1.0 / (1.0 + math.exp(-(w.slope * fused + w.intercept)))

    def rank(self, text: str, *, limit: int) -> list[SearchHit]:
        """Best ``limit`` skills for ``text``; ``score`` is the confidence times 100."""
        if not text.strip() or limit < 1:
            return []
        sig = self.signals(text)
        if not len(sig.candidates):
            return []
        fused = self.fuse(sig)
        # Order: fused score, then URI, so equal scores never depend on row order.
        uris = np.asarray([self._uris[c] for c in sig.candidates])
        order = np.lexsort((uris, -fused))
        hits = []
        for i in order[:limit]:
            if fused[i] <= 0:
                break
            row = int(sig.candidates[i])
            score = round(100.0 * self.confidence(float(fused[i])), 2)
            if score <= 0:
                break
            hits.append(
                SearchHit(
                    uri=self._uris[row],
                    label=self._labels[row],
                    matched_label=self._labels[row],
                    score=score,
                )
            )
        return hits


def neighbour_positions(sig: Signals) -> np.ndarray:
    """For each candidate, the positions of its ESCO neighbours among the candidates,
    one row each, padded with -1 (the candidates are sorted, so a binary search)."""
    found = []
    for rows in sig.neighbours:
        rows = np.asarray(rows, dtype=np.int64)
        pos = np.searchsorted(sig.candidates, rows)
        ok = pos < len(sig.candidates)
        ok[ok] = sig.candidates[pos[ok]] == rows[ok]
        found.append(pos[ok])
    width = max((len(p) for p in found), default=0)
    out = np.full((len(found), width), -1, dtype=np.int64)
    for i, pos in enumerate(found):
        out[i, : len(pos)] = pos
    return out


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences and bullet points of ``text`` (whitespace trimmed)."""
    spans, start = [], 0
    for match in _SEGMENT_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a] in " \t\r-*":
            a += 1
        while b > a and text[b - 1] in " \t\r":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def extract(retriever: SkillRetriever, text: str) -> list[SkillHit]:
    """Skills in ``text``, best first; a skill and its ESCO neighbours shown once.

    Each sentence or bullet is ranked as a whole. A label mention inside it keeps its
    own span when the segment's ranking agrees (its skill ranks near the top), or when
    the mention alone is strong (a long preferred label written out); a one-word label
    in passing (*plans*, *accounts*) is dropped otherwise. The segment's best hits
    are added with the segment as span. Within a segment, a hit
    that ESCO relates (broader, narrower, related) to a better one is a near-duplicate
    and is left out (ESCO often has several skills for one idea), unless it is a strong
    label mention: the text names it. A segment's further hits need a confidence close
    to its best one's (``extract_next_ratio``), rather than the fixed threshold: a
    sentence that states two skills often gives the second one a lower but similar
    score, while a distant second is mostly noise.
    """
    w = retriever.weights
    mentions = retriever._extractor.extract(text)
    spans = segments(text)
    pieces = [text[a:b] for a, b in spans]
    if retriever.dense:
        retriever.encode(pieces)  # one encoder call for the whole text
    hits: list[SkillHit] = []
    found: set[str] = set()
    for (start, end), piece in zip(spans, pieces, strict=True):
        if not content_terms(piece) and not retriever.dense:
            continue
        ranked = retriever.rank(piece, limit=max(w.extract_label_rank, w.extract_per_segment))
        position = {h.uri: i for i, h in enumerate(ranked)}
        candidates: list[tuple[float, SkillHit]] = []
        for m in mentions:
            if start <= m.start < end and (
                m.confidence >= w.extract_label_keep
                or position.get(m.uri, len(ranked)) < w.extract_label_rank
            ):
                # A strong mention outside the ranking comes after the ranked hits.
                candidates.append((position.get(m.uri, len(ranked)), m))
        for i, hit in enumerate(ranked[: w.extract_per_segment]):
            confidence = hit.score / 100.0
            if i and w.extract_next_ratio is not None:
                # Judged against the segment's best hit, not the fixed threshold.
                floor = w.extract_next_ratio * ranked[0].score / 100.0
            else:
                floor = w.extract_threshold
            if confidence < floor:
                break
            meaning = SkillHit(hit.uri, hit.label, start, end, round(confidence, 4), "meaning")
            candidates.append((i + 0.5, meaning))  # a label mention of the same skill wins
        kept: list[SkillHit] = []
        for _, cand in sorted(candidates, key=lambda c: (c[0], -c[1].confidence, c[1].uri)):
            if cand.uri in found:
                continue
            # A label written out in full stays even when ESCO relates it to a better hit.
            written = cand.source == "label" and cand.confidence >= w.extract_label_keep
            if not written and any(retriever.related(cand.uri, k.uri) for k in kept):
                continue
            found.add(cand.uri)
            kept.append(cand)
        hits.extend(kept)
    return sorted(hits, key=lambda h: (-h.confidence, h.start, h.uri))
