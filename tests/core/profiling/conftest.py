"""Small worlds and fast models shared by the profiling tests (trained once per session)."""

from __future__ import annotations

import polars as pl
import pytest

from openpes.profiling import (
    DEMO_PROTECTED,
    WORLD_FEATURES,
    SupportNeedsModel,
    train,
    training_frame,
)
from openpes.synth import generate_world

FAST_EBM = {
    "outer_bags": 1,
    "max_rounds": 200,
    "learning_rate": 0.1,
    "max_bins": 32,
    "smoothing_rounds": 10,
    "early_stopping_rounds": 10,
}
FAST_LGBM = {"n_estimators": 40, "num_leaves": 15}


@pytest.fixture(scope="session")
def world_frame() -> pl.DataFrame:
    world = generate_world(4000, 20, 2, seed=11)
    return training_frame(world.jobseekers, world.protected, world.outcomes, truth=True)


def _train(frame: pl.DataFrame, kind: str, **options: object) -> SupportNeedsModel:
    settings = {"ebm": FAST_EBM, "lightgbm": FAST_LGBM, "scorecard": {}}[kind]
    return train(
        frame,
        target="not_employed_12m",
        features=list(WORLD_FEATURES),
        protected=DEMO_PROTECTED,
        time_column="registered_on",
        model=kind,  # type: ignore[arg-type]
        settings=settings,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def models(world_frame: pl.DataFrame) -> dict[str, SupportNeedsModel]:
    return {
        "ebm": _train(world_frame, "ebm"),
        "scorecard": _train(world_frame, "scorecard", compare=False),
        "lightgbm": _train(world_frame, "lightgbm", compare=False),
    }


@pytest.fixture(scope="session")
def ebm(models: dict[str, SupportNeedsModel]) -> SupportNeedsModel:
    return models["ebm"]
