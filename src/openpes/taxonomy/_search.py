"""Fuzzy, accent-insensitive search over preferred and alternative labels.

Every label of a pillar (preferred and alternative) is folded once into an index.
A query scores every label, in tiers that a person would expect:

1. exact label (``"forklift driver"`` is an alternative label of *forklift operator*);
2. the label starts with the query as whole words (``"nurse"`` -> *nurse responsible
   for general care*);
3. the label holds every word of the query, in any order;
4. fuzzy similarity (rapidfuzz ``WRatio``), which absorbs typos and word forms.

Within a tier, preferred labels beat alternative labels, and so does a concept whose
labels mostly contain the query (its *coverage*): a query names the concept whose
whole vocabulary is about it, rather than one stray synonym of another concept.
A concept scores as its best label.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from openpes.taxonomy._text import normalise_label

__all__ = ["LabelIndex", "SearchHit"]

# Score layout, so that tiers never overlap and the result stays in [0, 100]:
# tier base + up to 4 for a preferred label + up to 4 for coverage.
_EXACT, _PREFIX, _ALL_WORDS = 92.0, 82.0, 72.0
_FUZZY_WEIGHT = 0.70  # fuzzy scores land in [0, 72], below every word tier
_FUZZY_PREFERRED_BONUS = 2.0
_PREFERRED_BONUS = 4.0
_COVERAGE_BONUS = 4.0
_SHORTLIST = 50  # labels examined per requested hit, before grouping by concept
_FUZZY_SHORTLIST = 300  # labels given the slower WRatio, besides those sharing a close word


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result.

    Attributes
    ----------
    uri : str
        ESCO URI of the concept.
    label : str
        Its preferred label.
    matched_label : str
        The preferred or alternative label that matched best.
    score : float
        In ``[0, 100]``; 92 and above is an exact label match.
    """

    uri: str
    label: str
    matched_label: str
    score: float


class LabelIndex:
    """Folded labels of one pillar (occupations or skills), ready for search."""

    def __init__(self, concepts: pl.DataFrame) -> None:
        exploded = (
            concepts.select(
                "uri",
                "label",
                labels=pl.concat_list(pl.col("label"), pl.col("alt_labels")),
            )
            .with_row_index("concept")
            .explode("labels")
            .with_columns(preferred=pl.int_range(pl.len()).over("concept") == 0)
        )
        self._uris: list[str] = concepts["uri"].to_list()
        self._pref_labels: list[str] = concepts["label"].to_list()
        self._raw: list[str] = exploded["labels"].to_list()
        self._norm: list[str] = [normalise_label(text) for text in self._raw]
        self._concept = exploded["concept"].to_numpy().astype(np.int64)
        self._preferred = exploded["preferred"].to_numpy()
        self._labels_per_concept = np.bincount(self._concept, minlength=len(self._uris))
        self._exact: dict[str, list[int]] = {}
        self._postings: dict[str, list[int]] = {}
        for i, norm in enumerate(self._norm):
            self._exact.setdefault(norm, []).append(i)
            for token in set(norm.split()):
                self._postings.setdefault(token, []).append(i)
        self._posting_arrays = {
            t: np.asarray(ids, dtype=np.int64) for t, ids in self._postings.items()
        }
        self._vocabulary = list(self._postings)
        self._lengths = np.fromiter(
            (len(n) for n in self._norm), dtype=np.int64, count=len(self._norm)
        )
        # Rank of each label by (text, concept URI): unique and independent of row
        # order, it settles every tie so that shuffling the frame never changes a result.
        by_text = sorted(
            range(len(self._norm)), key=lambda i: (self._norm[i], self._uris[self._concept[i]])
        )
        self._stable_rank = np.empty(len(self._norm), dtype=np.int64)
        self._stable_rank[by_text] = np.arange(len(self._norm))

    def _fuzzy(self, query: str, tokens: list[str]) -> np.ndarray:
        """Fuzzy tier scores for every label (zero where not worth scoring).

        ``WRatio`` is the right measure but too slow for every label, so it runs on a
        shortlist: the labels closest by plain edit distance, plus the labels sharing
        the most words (within a typo) with the query.
        """
        scores = np.zeros(len(self._norm))
        plain = process.cdist(
            [query], self._norm, scorer=fuzz.QRatio, processor=None, dtype=np.uint8
        )[0]
        keep = min(_FUZZY_SHORTLIST, len(plain))
        unique_key = plain.astype(np.int64) * len(plain) - self._stable_rank
        shortlist = [np.argpartition(-unique_key, keep - 1)[:keep]]
        close = process.cdist(
            tokens,
            self._vocabulary,
            scorer=fuzz.ratio,
            processor=None,
            dtype=np.uint8,
            score_cutoff=80,
        )
        near = [
            self._posting_arrays[self._vocabulary[t]] for t in np.flatnonzero(close.max(axis=0))
        ]
        if near:
            shared = np.bincount(np.concatenate(near), minlength=len(self._norm))
            holders = np.flatnonzero(shared)
            if len(holders) > _FUZZY_SHORTLIST:
                # Common words ("operator") sit in thousands of labels: keep those
                # sharing the most words, shortest first among equals.
                rank = np.lexsort(
                    (self._stable_rank[holders], self._lengths[holders], -shared[holders])
                )
                holders = holders[rank[:_FUZZY_SHORTLIST]]
            shortlist.append(holders)
        candidates = np.unique(np.concatenate(shortlist))
        weighted = process.cdist(
            [query], [self._norm[i] for i in candidates], scorer=fuzz.WRatio, processor=None
        )[0]
        # WRatio rates a one-letter label as a perfect partial match ("R" in "forklift");
        # labels much shorter than the query fall back to plain edit distance.
        short = self._lengths[candidates] * 2 < len(query)
        scores[candidates] = np.where(short, plain[candidates], weighted) * _FUZZY_WEIGHT
        return scores

    def word_match(self, text: str) -> str | None:
        """URI of the concept one of whose labels holds every word of ``text``, or None.

        The worded tiers of :meth:`search` without its fuzzy tier (the slow part): an
        exact label first, then a label starting with the query, then any label holding
        every word; preferred and short labels first. Skill search uses it to spot an
        occupation named by a short query.
        """
        query = normalise_label(text)
        found = [self._posting_arrays.get(t) for t in query.split()]
        postings = [p for p in found if p is not None]
        if not postings or len(postings) < len(found):
            return None
        words = postings[0]
        for p in postings[1:]:
            words = np.intersect1d(words, p, assume_unique=True)
        if not len(words):
            return None
        prefix = query + " "
        # Coverage, as in search(): the concept whose labels mostly hold the query.
        counts = np.bincount(self._concept[words], minlength=len(self._uris))
        coverage = counts / np.maximum(self._labels_per_concept, 1)
        best = min(
            words.tolist(),
            key=lambda i: (
                self._norm[i] != query,
                not self._norm[i].startswith(prefix),
                -coverage[self._concept[i]],
                not self._preferred[i],
                self._lengths[i],
                self._stable_rank[i],
            ),
        )
        return self._uris[int(self._concept[best])]

    def search(self, text: str, *, limit: int) -> list[SearchHit]:
        query = normalise_label(text)
        if not query:
            return []
        tokens = query.split()
        n_labels = len(self._norm)

        scores = self._fuzzy(query, tokens)

        # Labels that hold every query word; their share per concept is its coverage.
        postings = [self._posting_arrays.get(t) for t in tokens]
        if all(p is not None for p in postings):
            words = postings[0]
            for p in postings[1:]:
                words = np.intersect1d(words, p, assume_unique=True)  # type: ignore[arg-type]
        else:
            words = np.empty(0, dtype=np.int64)
        coverage = np.zeros(len(self._uris))
        if words is not None and len(words):
            counts = np.bincount(self._concept[words], minlength=len(self._uris))
            coverage = counts / np.maximum(self._labels_per_concept, 1)
            scores[words] = _ALL_WORDS
            prefix = query + " "
            starts = [i for i in words.tolist() if self._norm[i].startswith(prefix)]
            scores[starts] = _PREFIX
        exact = self._exact.get(query, [])
        scores[exact] = _EXACT

        worded = scores >= _ALL_WORDS
        scores = scores + np.where(
            worded,
            _PREFERRED_BONUS * self._preferred + _COVERAGE_BONUS * coverage[self._concept],
            # Fuzzy tier: a preferred label only breaks ties, it cannot climb a tier.
            _FUZZY_PREFERRED_BONUS * (self._preferred & (scores > 0)),
        )

        # Keep every label scoring at least the shortlist's last score (ties included),
        # then order: best score, shorter label, alphabetical, URI.
        shortlist = min(n_labels, limit * _SHORTLIST)
        floor = np.partition(scores, n_labels - shortlist)[n_labels - shortlist]
        top = np.flatnonzero((scores >= floor) & (scores > 0))
        keys = (self._stable_rank[top], self._lengths[top], -scores[top])
        order = top[np.lexsort(keys)].tolist()
        hits: list[SearchHit] = []
        seen: set[int] = set()
        for i in order:
            concept = int(self._concept[i])
            if concept in seen or scores[i] <= 0:
                continue
            seen.add(concept)
            hits.append(
                SearchHit(
                    uri=self._uris[concept],
                    label=self._pref_labels[concept],
                    matched_label=self._raw[i],
                    score=round(float(min(scores[i], 100.0)), 2),
                )
            )
            if len(hits) == limit:
                break
        return hits
