"""The demo model of ``make run``: fast settings, no protected features."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpes.profiling._features import WORLD_FEATURES, training_frame
from openpes.profiling._model import SupportNeedsModel
from openpes.profiling._train import train

if TYPE_CHECKING:
    from openpes.synth import World

__all__ = ["DEMO_PROTECTED", "train_demo_model"]

#: Protected attributes of the synthetic world: audited, never used as features.
DEMO_PROTECTED: tuple[str, ...] = ("sex", "age", "age_band", "origin", "disability")
_FAST_EBM = {
    "outer_bags": 2,
    "max_rounds": 300,
    "learning_rate": 0.1,
    "max_bins": 64,
    "smoothing_rounds": 20,
    "early_stopping_rounds": 20,
}


def train_demo_model(world: World, *, max_rows: int = 20_000, seed: int = 0) -> SupportNeedsModel:
    """Train the demo EBM on (at most ``max_rows`` of) a synthetic world, in seconds.

    The features are :data:`WORLD_FEATURES`; sex, age band, origin and disability
    are audited but never used. The split is temporal on the registration date.

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> model = train_demo_model(generate_world(3000, 10, 2, seed=3))
    >>> model.kind, model.allow_protected
    ('ebm', False)
    """
    frame = training_frame(world.jobseekers, world.protected, world.outcomes).head(max_rows)
    return train(
        frame,
        target="not_employed_12m",
        features=list(WORLD_FEATURES),
        protected=DEMO_PROTECTED,
        time_column="registered_on",
        model="ebm",
        seed=seed,
        compare=True,
        settings=_FAST_EBM,
    )
