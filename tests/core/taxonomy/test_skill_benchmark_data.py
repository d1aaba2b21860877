"""The hand-labelled skill sentences of ``benchmarks/``: gold that ESCO knows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl

from openpes.taxonomy import Taxonomy

BENCHMARKS = Path(__file__).parents[3] / "benchmarks"
# Loaded from its file: putting benchmarks/ on sys.path would let its scripts shadow modules.
_spec = importlib.util.spec_from_file_location(
    "skill_retrieval_benchmark", BENCHMARKS / "skill_retrieval.py"
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)
LABEL_SEPARATOR, gold_rows, sentences = bench.LABEL_SEPARATOR, bench.gold_rows, bench.sentences

TAX = Taxonomy.load()


def test_every_gold_uri_is_a_bundled_skill_with_its_own_label() -> None:
    frame = gold_rows(TAX)  # raises on any mismatch
    label_of = dict(zip(TAX.skills["uri"], TAX.skills["label"], strict=True))
    for uris, labels in frame.select("skill_uris", "skill_labels").iter_rows():
        assert [label_of[u] for u in uris.split()] == labels.split(LABEL_SEPARATOR)


def test_split_is_every_fifth_sentence_and_some_have_several_skills() -> None:
    frame = gold_rows(TAX)
    assert frame.height >= 300
    dev = frame.filter(pl.col("split") == "dev")["id"].to_list()
    assert dev == [i for i in frame["id"].to_list() if i % 5 == 0]
    several = [q for q in sentences("test", TAX) if len(q[2]) > 1]
    assert len(several) >= 50


def test_a_wrong_label_is_caught(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    frame = pl.read_csv(BENCHMARKS / "data" / "skill_sentences.tsv", separator="\t")
    broken = frame.with_columns(
        skill_labels=pl.when(pl.col("id") == 1)
        .then(pl.lit("morality"))
        .otherwise(pl.col("skill_labels"))
    )
    broken.write_csv(tmp_path / "skill_sentences.tsv", separator="\t")
    monkeypatch.setattr(bench, "DATA", tmp_path)
    try:
        gold_rows(TAX)
    except ValueError as exc:
        assert "sentence 1" in str(exc)
    else:
        raise AssertionError("a label that is not its URI's passed")
