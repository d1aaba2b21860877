"""Additive models as lookup tables: one score per bin of each feature, plus an intercept.

The Explainable Boosting Machine and the binned logistic scorecard both end up here,
so scoring, explanations and storage are the same exact, vectorised table lookups for
both, and nothing needs a pickle. Bin 0 holds missing values and the last bin values
never seen in training (their score is 0, the average person).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from openpes.profiling._columns import FeatureSpec, categorical_values, numeric_values

__all__ = ["AdditiveTable", "Term", "ebm_table", "scorecard_table"]


@dataclass(frozen=True, eq=False)
class Term:
    """One feature's shape function: ``cuts`` (numeric) or ``categories`` (categorical)."""

    spec: FeatureSpec
    scores: np.ndarray
    cuts: np.ndarray | None = None
    categories: dict[str, int] | None = None

    def bin_index(self, frame: pl.DataFrame) -> np.ndarray:
        """The bin of every row, vectorised; 0 for missing, last for unseen."""
        unseen = len(self.scores) - 1
        if self.spec.kind == "numeric":
            assert self.cuts is not None
            values = numeric_values(frame, self.spec.name)
            # side="right" matches interpret's own binning (a value equal to a cut goes up).
            index = np.searchsorted(self.cuts, values, side="right") + 1
            index[np.isnan(values)] = 0
            return index
        assert self.categories is not None
        series = categorical_values(frame, self.spec.name)
        mapped = series.replace_strict(
            self.categories, default=unseen, return_dtype=pl.Int64
        ).fill_null(0)
        index = mapped.to_numpy().copy()
        index[series.is_null().to_numpy()] = 0
        return index

    def contribution(self, frame: pl.DataFrame) -> np.ndarray:
        return self.scores[self.bin_index(frame)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec.to_dict(),
            "scores": self.scores.tolist(),
            "cuts": None if self.cuts is None else self.cuts.tolist(),
            "categories": self.categories,
        }

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Term:
        cuts = values.get("cuts")
        return cls(
            spec=FeatureSpec.from_dict(values["spec"]),
            scores=np.asarray(values["scores"], dtype=np.float64),
            cuts=None if cuts is None else np.asarray(cuts, dtype=np.float64),
            categories=values.get("categories"),
        )


@dataclass(frozen=True, eq=False)
class AdditiveTable:
    """``raw_score = intercept + sum of the terms``, on the log-odds scale."""

    intercept: float
    terms: tuple[Term, ...]

    @property
    def features(self) -> list[str]:
        return [term.spec.name for term in self.terms]

    def contributions(self, frame: pl.DataFrame) -> np.ndarray:
        """An ``(n_rows, n_features)`` array of exact log-odds contributions."""
        if not self.terms:
            return np.zeros((frame.height, 0))
        return np.column_stack([term.contribution(frame) for term in self.terms])

    def raw_score(self, frame: pl.DataFrame) -> np.ndarray:
        return self.intercept + self.contributions(frame).sum(axis=1)

    def to_dict(self) -> dict[str, Any]:
        return {"intercept": self.intercept, "terms": [t.to_dict() for t in self.terms]}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> AdditiveTable:
        return cls(
            intercept=float(values["intercept"]),
            terms=tuple(Term.from_dict(t) for t in values["terms"]),
        )


def _model_input(frame: pl.DataFrame, specs: Sequence[FeatureSpec]) -> Any:
    import pandas as pd

    columns: dict[str, Any] = {}
    for spec in specs:
        if spec.kind == "numeric":
            columns[spec.name] = numeric_values(frame, spec.name)
        else:
            columns[spec.name] = np.asarray(
                categorical_values(frame, spec.name).to_list(), dtype=object
            )
    return pd.DataFrame(columns)


def ebm_table(
    frame: pl.DataFrame,
    target: np.ndarray,
    specs: Sequence[FeatureSpec],
    *,
    seed: int,
    settings: dict[str, Any],
) -> AdditiveTable:
    """Fit an Explainable Boosting Machine without interactions and read its table.

    Without pairwise interactions every feature has exactly one shape function, so the
    explanation has one column per feature and is exact.
    """
    from interpret.glassbox import ExplainableBoostingClassifier

    model = ExplainableBoostingClassifier(
        feature_names=[s.name for s in specs],
        feature_types=["continuous" if s.kind == "numeric" else "nominal" for s in specs],
        interactions=0,
        random_state=seed,
        **settings,
    )
    with warnings.catch_warnings():
        # interpret warns that its own plots hide the missing-value bin; our tables,
        # explanations and recourse use that bin explicitly (bin 0), so nothing is hidden.
        warnings.filterwarnings("ignore", message="Missing values detected")
        model.fit(_model_input(frame, specs), target.astype(np.int64))
    terms = []
    for i, spec in enumerate(specs):
        bins = model.bins_[i][0]
        scores = np.asarray(model.term_scores_[i], dtype=np.float64)
        if isinstance(bins, dict):
            terms.append(Term(spec, scores, categories={str(k): int(v) for k, v in bins.items()}))
        else:
            terms.append(Term(spec, scores, cuts=np.asarray(bins, dtype=np.float64)))
    return AdditiveTable(intercept=float(np.ravel(model.intercept_)[0]), terms=tuple(terms))


def _scorecard_bins(frame: pl.DataFrame, spec: FeatureSpec, n_bins: int, min_count: int) -> Term:
    if spec.kind == "numeric":
        values = numeric_values(frame, spec.name)
        finite = values[~np.isnan(values)]
        if finite.size == 0:
            cuts = np.empty(0)
        else:
            qs = np.unique(np.quantile(finite, np.linspace(0, 1, n_bins + 1)[1:-1]))
            uniques = np.unique(finite)
            # Few distinct values (counts, levels): cut between each pair of values instead.
            cuts = (uniques[:-1] + uniques[1:]) / 2 if uniques.size <= n_bins else qs
        return Term(spec, np.zeros(len(cuts) + 3), cuts=np.asarray(cuts, dtype=np.float64))
    counts = categorical_values(frame, spec.name).drop_nulls().value_counts(sort=True)
    kept = [str(v) for v, c in counts.iter_rows() if c >= min_count]
    categories = {value: i + 1 for i, value in enumerate(sorted(kept))}
    return Term(spec, np.zeros(len(categories) + 2), categories=categories)


def scorecard_table(
    frame: pl.DataFrame,
    target: np.ndarray,
    specs: Sequence[FeatureSpec],
    *,
    n_bins: int = 10,
    min_count: int = 20,
    strength: float = 1.0,
) -> AdditiveTable:
    """A binned logistic regression: deciles (or each value) and frequent categories.

    Each bin gets its own L2-regularised coefficient; every term is then centred on
    its training mean, so the intercept is the log-odds of the average person and a
    contribution reads "above or below average".
    """
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    empty = [_scorecard_bins(frame, spec, n_bins, min_count) for spec in specs]
    indices = [term.bin_index(frame) for term in empty]
    offsets = np.cumsum([0] + [len(t.scores) for t in empty])
    n = frame.height
    rows = np.repeat(np.arange(n), len(empty))
    cols = (
        (np.column_stack(indices) + offsets[:-1]).ravel() if empty else np.empty(0, dtype=np.int64)
    )
    design = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, int(offsets[-1])))
    fit = LogisticRegression(C=strength, max_iter=2000).fit(design, target.astype(np.int64))
    coef = fit.coef_.ravel()
    intercept = float(fit.intercept_[0])
    terms = []
    for term, index, start, stop in zip(empty, indices, offsets[:-1], offsets[1:], strict=True):
        scores = coef[start:stop].copy()
        mean = float(scores[index].mean())
        scores -= mean
        intercept += mean
        # A bin no training row fell in (unseen values, and missing values when training had
        # none) has no evidence: the average person, never the regulariser's offset.
        scores[np.bincount(index, minlength=len(scores)) == 0] = 0.0
        scores[-1] = 0.0  # unseen values: treated as the average person
        terms.append(Term(term.spec, scores, cuts=term.cuts, categories=term.categories))
    return AdditiveTable(intercept=intercept, terms=tuple(terms))
