"""BM25 over a concept's labels and description.

The label index (``_search.py``) answers queries that *are* a label; BM25 answers
the rest: a word of a label (``"forklift"`` in *operate forklift*), a word only the
description uses (``"laundry"`` in *iron textiles*), or a sentence that shares a few
content words with a concept. Fields are weighted (preferred label 3, alternative
labels 2, description 1) so that a word in the name counts more than a word in
passing. Tokens are folded and lightly stemmed; English function words are dropped.

The document-term matrix holds the final BM25 weight of each (concept, term), so a
query is one sparse column sum.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import sparse

from openpes.taxonomy._text import stem, tokenise

__all__ = ["BM25Index", "content_terms"]

_K1, _B = 1.2, 0.75
_FIELD_WEIGHTS = {"label": 3.0, "alt_labels": 2.0, "description": 1.0}
# Words that carry no skill: function words plus the filler of job ads and CVs.
_STOPWORD_TEXT = """a about above after again all also am an and any are as at be been being
    both but
    by can could did do does doing during each etc few for from had has have having he her
    here hers him his how i if in into is it its itself just me more most my no nor not of
    off on once only or other our ours out over own same she should so some such than that
    the their them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours
    able ability abilities experience experienced years year strong good excellent
    knowledge skill skills work working worked job role candidate looking seeking must
    required require requires requirement requirements preferred plus including include
    etc well new team daily per within based various related other e g using use used"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def content_terms(text: str) -> list[str]:
    """Folded, stemmed tokens of ``text`` without stopwords (in order, repeats kept)."""
    return [stem(t) for t, _, _ in tokenise(text) if t not in STOPWORDS and len(t) > 1]


class BM25Index:
    """BM25 weights of every (concept, term) for one pillar."""

    def __init__(self, concepts: pl.DataFrame, *, use_descriptions: bool = True) -> None:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(concepts.height)
        labels = concepts["label"].to_list()
        alts = concepts["alt_labels"].to_list()
        descriptions = (
            concepts["description"].to_list() if use_descriptions else [None] * concepts.height
        )
        for i, (label, alt, description) in enumerate(zip(labels, alts, descriptions, strict=True)):
            counts: dict[int, float] = {}
            fields = (
                ("label", label),
                ("alt_labels", " ; ".join(alt or [])),
                ("description", description or ""),
            )
            for field, text in fields:
                weight = _FIELD_WEIGHTS[field]
                for term in content_terms(text):
                    j = vocab.setdefault(term, len(vocab))
                    counts[j] = counts.get(j, 0.0) + weight
            lengths[i] = sum(counts.values())
            rows.extend([i] * len(counts))
            cols.extend(counts)
            vals.extend(counts.values())
        tf = np.asarray(vals)
        row_idx = np.asarray(rows, dtype=np.int64)
        col_idx = np.asarray(cols, dtype=np.int64)
        n_docs = max(concepts.height, 1)
        df = np.bincount(col_idx, minlength=len(vocab))
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        norm = _K1 * (1 - _B + _B * lengths[row_idx] / max(lengths.mean(), 1e-9))
        weights = idf[col_idx] * tf * (_K1 + 1) / (tf + norm)
        self.vocab = vocab
        self.idf = idf
        self.matrix = sparse.csc_matrix(
            (weights, (row_idx, col_idx)), shape=(concepts.height, len(vocab))
        )

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every concept for ``text`` (zeros when no term is known)."""
        terms = {self.vocab[t] for t in content_terms(text) if t in self.vocab}
        if not terms:
            return np.zeros(self.matrix.shape[0])
        return np.asarray(self.matrix[:, sorted(terms)].sum(axis=1)).ravel()

    def max_score(self, text: str) -> float:
        """The score a concept holding every query term once would reach (for scaling)."""
        terms = {self.vocab[t] for t in content_terms(text) if t in self.vocab}
        return float(self.idf[sorted(terms)].sum() * (_K1 + 1) / (1 + _K1)) if terms else 0.0
