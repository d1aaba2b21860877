"""LightGBM, for comparison only: a black box, labelled as such everywhere.

Categorical features are coded as integers with a stored mapping, so the saved model is
LightGBM's own text format plus JSON, never a pickle. Explanations are TreeSHAP values,
which add up exactly to the raw score too but describe a model no person can read whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from openpes.profiling._columns import FeatureSpec, categorical_values, numeric_values

__all__ = ["BoostedModel", "fit_boosted"]

DEFAULT_SETTINGS: dict[str, Any] = {
    "n_estimators": 300,
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_child_samples": 50,
}


@dataclass(frozen=True, eq=False)
class BoostedModel:
    specs: tuple[FeatureSpec, ...]
    categories: dict[str, list[str]]
    model_text: str

    @property
    def features(self) -> list[str]:
        return [s.name for s in self.specs]

    def _matrix(self, frame: pl.DataFrame) -> np.ndarray:
        return design_matrix(frame, self.specs, self.categories)

    def _booster(self) -> Any:
        import lightgbm

        cached = self.__dict__.get("_cached_booster")
        if cached is None:
            cached = lightgbm.Booster(model_str=self.model_text)
            object.__setattr__(self, "_cached_booster", cached)
        return cached

    def raw_score(self, frame: pl.DataFrame) -> np.ndarray:
        return np.asarray(
            self._booster().predict(self._matrix(frame), raw_score=True), dtype=np.float64
        )

    def contributions_with_intercept(self, frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        out = np.asarray(
            self._booster().predict(self._matrix(frame), pred_contrib=True), dtype=np.float64
        )
        return out[:, :-1], out[:, -1]

    def to_dict(self) -> dict[str, Any]:
        return {"specs": [s.to_dict() for s in self.specs], "categories": self.categories}

    @classmethod
    def from_parts(cls, values: dict[str, Any], model_text: str) -> BoostedModel:
        return cls(
            specs=tuple(FeatureSpec.from_dict(s) for s in values["specs"]),
            categories={k: list(v) for k, v in values["categories"].items()},
            model_text=model_text,
        )


def threads_for(rows: int) -> int:
    """One thread below 50,000 rows: OpenMP threads spin-wait, and on a busy shared
    machine two threads on small data are slower than one."""
    return 1 if rows < 50_000 else 2


def design_matrix(
    frame: pl.DataFrame, specs: Sequence[FeatureSpec], categories: dict[str, list[str]]
) -> np.ndarray:
    columns = []
    for spec in specs:
        if spec.kind == "numeric":
            columns.append(numeric_values(frame, spec.name))
        else:
            codes = {value: float(i) for i, value in enumerate(categories[spec.name])}
            mapped = categorical_values(frame, spec.name).replace_strict(
                codes, default=None, return_dtype=pl.Float64
            )
            columns.append(mapped.fill_null(np.nan).to_numpy())
    return np.column_stack(columns) if columns else np.zeros((frame.height, 0))


def fit_boosted(
    frame: pl.DataFrame,
    target: np.ndarray,
    specs: Sequence[FeatureSpec],
    *,
    seed: int,
    settings: dict[str, Any] | None = None,
) -> BoostedModel:
    """Fit a LightGBM classifier on the same features, natively categorical."""
    import lightgbm

    categories = {
        s.name: sorted(categorical_values(frame, s.name).drop_nulls().unique().to_list())
        for s in specs
        if s.kind == "categorical"
    }
    matrix = design_matrix(frame, specs, categories)
    params = {**DEFAULT_SETTINGS, **(settings or {})}
    params.setdefault("n_jobs", threads_for(frame.height))
    model = lightgbm.LGBMClassifier(random_state=seed, verbose=-1, **params)
    model.fit(
        matrix,
        target.astype(np.int64),
        feature_name=[s.name for s in specs],
        categorical_feature=[i for i, s in enumerate(specs) if s.kind == "categorical"] or "auto",
    )
    return BoostedModel(tuple(specs), categories, model.booster_.model_to_string())
