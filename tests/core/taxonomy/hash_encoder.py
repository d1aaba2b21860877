"""A deterministic stand-in for the sentence encoder, for tests of the vector files."""

from __future__ import annotations

import numpy as np


class HashEncoder:
    """One fixed random unit vector per text, and a record of what was embedded."""

    name = "test-encoder"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vec(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        rows = [np.random.default_rng(sum(map(ord, t))).normal(size=384) for t in texts]
        out = np.asarray(rows, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    queries = documents = passages = _vec
