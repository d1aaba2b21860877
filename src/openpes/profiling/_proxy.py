"""Proxy analysis: how well the features predict each protected attribute.

Leaving a protected attribute out of the model does not keep it out of the decisions
when other features stand in for it (the Flemish model's lesson). A classifier that
tries to recover the attribute from the model's features measures how much is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from openpes.profiling._boosted import design_matrix, threads_for
from openpes.profiling._columns import FeatureSpec, categorical_values

__all__ = ["ProxyResult", "proxy_analysis"]

_MAX_ROWS = 50_000


@dataclass(frozen=True)
class ProxyResult:
    """Cross-validated AUC of predicting ``attribute`` from the model's features.

    0.5 means the features carry no trace of it; 1.0 means they give it away.
    ``target`` says what was predicted (``"above median"`` for numbers, each value
    against the rest, macro-averaged, for categories).
    """

    attribute: str
    auc: float
    target: str
    warning: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribute": self.attribute,
            "auc": self.auc,
            "target": self.target,
            "warning": self.warning,
        }


def _labels(frame: pl.DataFrame, name: str) -> tuple[np.ndarray, str] | None:
    series = frame[name]
    if series.dtype.is_numeric() and series.n_unique() > 10:
        values = series.cast(pl.Float64).to_numpy()
        return (values > np.nanmedian(values)).astype(np.int64), "above median"
    strings = categorical_values(frame, name).fill_null("(missing)")
    levels = sorted(strings.unique().to_list())
    if len(levels) < 2:
        return None
    codes = strings.replace_strict({v: i for i, v in enumerate(levels)}, return_dtype=pl.Int64)
    return codes.to_numpy(), "each value against the rest"


def proxy_analysis(
    train: pl.DataFrame,
    test: pl.DataFrame,
    specs: Sequence[FeatureSpec],
    protected: Sequence[str],
    *,
    threshold: float,
    seed: int,
) -> list[ProxyResult]:
    """Fit a small LightGBM per protected attribute on ``train``, score it on ``test``."""
    import lightgbm
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    if train.height > _MAX_ROWS:
        train = train[np.sort(rng.choice(train.height, _MAX_ROWS, replace=False))]
    categories = {
        s.name: sorted(categorical_values(train, s.name).drop_nulls().unique().to_list())
        for s in specs
        if s.kind == "categorical"
    }
    x_train = design_matrix(train, specs, categories)
    x_test = design_matrix(test, specs, categories)
    cat_index: list[int] | Literal["auto"] = [
        i for i, s in enumerate(specs) if s.kind == "categorical"
    ] or "auto"
    results = []
    for name in protected:
        if name not in train.columns or name not in test.columns:
            continue
        both = _labels(pl.concat([train.select(name), test.select(name)]), name)
        if both is None:
            continue
        labels, target = both
        y_train, y_test = labels[: train.height], labels[train.height :]
        if len(np.unique(y_train)) < 2 or len(np.unique(y_test)) < 2:
            continue
        model = lightgbm.LGBMClassifier(
            n_estimators=60,
            learning_rate=0.15,
            num_leaves=15,
            random_state=seed,
            n_jobs=threads_for(len(y_train)),
            verbose=-1,
        )
        model.fit(x_train, y_train, categorical_feature=cat_index)
        proba = np.asarray(model.predict_proba(x_test))
        if proba.shape[1] == 2:
            value = float(roc_auc_score(y_test, proba[:, 1]))
        else:
            # Classes absent from the test split cannot be scored; renormalise over the rest.
            present = np.isin(model.classes_, np.unique(y_test))
            kept = proba[:, present] / proba[:, present].sum(axis=1, keepdims=True)
            value = float(
                roc_auc_score(y_test, kept, multi_class="ovr", labels=model.classes_[present])
            )
        results.append(ProxyResult(name, value, target, value >= threshold))
    return results
