from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from openpes.errors import InputError, IntegrityError
from openpes.profiling import (
    SupportNeedsModel,
    TrainingReport,
    artifact_sha256,
    load_model,
    model_card,
    save_model,
)


@pytest.mark.parametrize("kind", ["ebm", "scorecard", "lightgbm"])
def test_round_trip_gives_identical_scores_and_explanations(
    models: dict[str, SupportNeedsModel], world_frame: pl.DataFrame, tmp_path: Path, kind: str
) -> None:
    model = models[kind]
    sha = save_model(model, tmp_path / kind)
    assert sha == artifact_sha256(tmp_path / kind)
    loaded = load_model(tmp_path / kind, sha256=sha)
    np.testing.assert_array_equal(
        loaded.predict_proba(world_frame), model.predict_proba(world_frame)
    )
    assert loaded.explain(world_frame.head(50)).equals(model.explain(world_frame.head(50)))
    assert model_card(loaded) == model_card(model)
    assert not list((tmp_path / kind).glob("*.pkl")) and not list((tmp_path / kind).glob(".*tmp"))


@pytest.mark.parametrize("kind", ["ebm", "lightgbm"])
def test_any_tampered_byte_is_refused(
    models: dict[str, SupportNeedsModel], tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "model"
    save_model(models[kind], folder)
    for file in sorted(folder.iterdir()):
        original = file.read_bytes()
        for position in (0, len(original) // 2, len(original) - 1):
            tampered = bytearray(original)
            tampered[position] = (tampered[position] + 1) % 256
            file.write_bytes(bytes(tampered))
            with pytest.raises(IntegrityError):
                load_model(folder)
        file.write_bytes(original)
    load_model(folder)  # intact again


def test_a_consistently_edited_model_fails_the_expected_hash(
    ebm: SupportNeedsModel, tmp_path: Path
) -> None:
    import hashlib

    sha = save_model(ebm, tmp_path)
    values = json.loads((tmp_path / "model.json").read_bytes())
    values["thresholds"] = [0.9, 0.95]  # someone raises the bar for support
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, indent=1).encode()
    (tmp_path / "model.json").write_bytes(data)
    manifest = json.loads((tmp_path / "manifest.json").read_bytes())
    manifest["files"]["model.json"] = hashlib.sha256(data).hexdigest()
    (tmp_path / "manifest.json").write_bytes(
        json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1).encode()
    )
    assert load_model(tmp_path).thresholds == (0.9, 0.95)
    with pytest.raises(IntegrityError, match="SHA-256"):
        load_model(tmp_path, sha256=sha)


def test_a_missing_file_is_refused(models: dict[str, SupportNeedsModel], tmp_path: Path) -> None:
    save_model(models["lightgbm"], tmp_path)
    (tmp_path / "lightgbm.txt").unlink()
    with pytest.raises(IntegrityError, match="missing"):
        load_model(tmp_path)


def test_the_typed_report_round_trips_to_the_same_bytes(
    ebm: SupportNeedsModel, tmp_path: Path
) -> None:
    sha = save_model(ebm, tmp_path / "first")
    loaded = load_model(tmp_path / "first", sha256=sha)
    assert isinstance(loaded.report, TrainingReport)
    assert loaded.report.test.auc == pytest.approx(ebm.report.test.auc)
    assert loaded.report.split == ebm.report.split
    assert loaded.report.proxies == ebm.report.proxies
    # Saving what was loaded writes the same bytes: the JSON form is the report's only dict.
    assert save_model(loaded, tmp_path / "second") == sha


def test_an_artifact_without_newer_report_figures_still_loads(
    models: dict[str, SupportNeedsModel], tmp_path: Path
) -> None:
    import hashlib

    save_model(models["ebm"], tmp_path)
    values = json.loads((tmp_path / "model.json").read_bytes())
    for key in ("feature_ranges", "comparison"):
        del values["report"][key]
    for key in ("band_groups", "band_gaps"):
        del values["report"]["test"][key]
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, indent=1).encode()
    (tmp_path / "model.json").write_bytes(data)
    manifest = json.loads((tmp_path / "manifest.json").read_bytes())
    manifest["files"]["model.json"] = hashlib.sha256(data).hexdigest()
    (tmp_path / "manifest.json").write_bytes(
        json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1).encode()
    )
    loaded = load_model(tmp_path)
    assert loaded.report.comparison is None and loaded.report.test.band_gaps == ()
    assert "Price of interpretability" not in model_card(loaded)


def test_errors_are_translated_where_they_are_shown(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_model(tmp_path)
    assert "manifest.json is missing" in str(info.value)
    french = info.value.translate("fr")
    assert "manifest.json" in french and french != str(info.value)


def test_a_model_saved_over_another_keeps_none_of_its_files(
    models: dict[str, SupportNeedsModel], tmp_path: Path
) -> None:
    folder = tmp_path / "model"
    save_model(models["lightgbm"], folder)
    assert (folder / "lightgbm.txt").is_file()
    (folder / ".model.json.killed.tmp").write_text("half a write")
    save_model(models["ebm"], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "model.json"]
    assert load_model(folder).kind == "ebm"


def test_a_model_cannot_be_saved_over_a_file(
    models: dict[str, SupportNeedsModel], tmp_path: Path
) -> None:
    (tmp_path / "model").write_text("not a folder")
    with pytest.raises(InputError, match="a folder was expected"):
        save_model(models["ebm"], tmp_path / "model")
