"""One independent random stream per component of the world.

Each component draws from its own ``Generator(PCG64)`` spawned from the seed, so that a
component's draws do not depend on how many numbers another component consumed, nor on
threads.
"""

from __future__ import annotations

import numpy as np

__all__ = ["COMPONENTS", "streams"]

COMPONENTS: tuple[str, ...] = (
    "people",
    "careers",
    "skills",
    "preferences",
    "vacancies",
    "trainings",
    "outcomes",
    "hiring",
)


def streams(seed: int) -> dict[str, np.random.Generator]:
    """Return a fresh generator per component, all derived from ``seed``."""
    children = np.random.SeedSequence(seed).spawn(len(COMPONENTS))
    return {
        name: np.random.Generator(np.random.PCG64(child))
        for name, child in zip(COMPONENTS, children, strict=True)
    }
