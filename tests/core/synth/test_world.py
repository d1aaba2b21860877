"""Writing and reading a world: same frames back, same bytes twice, atomic files."""

from __future__ import annotations

import hashlib
import json

import pytest

from openpes.errors import InputError
from openpes.synth import FRAMES, World

FILES = [f"{name}.parquet" for name in FRAMES] + ["ground_truth.json"]


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_round_trip_gives_the_same_world(small_world, tmp_path):
    written = small_world.write_parquet(tmp_path / "world")
    assert [p.name for p in written] == FILES
    assert sorted(p.name for p in (tmp_path / "world").iterdir()) == sorted(FILES)
    back = World.read_parquet(tmp_path / "world")
    for name in FRAMES:
        assert back.frames()[name].equals(small_world.frames()[name]), name
        assert back.frames()[name].schema == small_world.frames()[name].schema, name
    assert back.ground_truth == json.loads(json.dumps(small_world.ground_truth))


def test_writing_twice_gives_identical_bytes(small_world, tmp_path):
    small_world.write_parquet(tmp_path / "a")
    small_world.write_parquet(tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_overwrites_in_place_and_reports_each_file(small_world, tmp_path):
    seen: list[str] = []
    small_world.write_parquet(tmp_path, on_file=seen.append)
    small_world.write_parquet(tmp_path, on_file=seen.append)
    assert seen == FILES + FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)  # no temporary leftovers


def test_refuses_to_write_into_a_file(small_world, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(InputError) as caught:
        small_world.write_parquet(target)
    assert caught.value.file == str(target)


def test_reading_names_the_missing_or_broken_file(small_world, tmp_path):
    small_world.write_parquet(tmp_path)
    (tmp_path / "ground_truth.json").write_text("{not json")
    with pytest.raises(InputError, match="JSON") as caught:
        World.read_parquet(tmp_path)
    assert caught.value.file.endswith("ground_truth.json")
    (tmp_path / "vacancies.parquet").unlink()
    with pytest.raises(InputError) as caught:
        World.read_parquet(tmp_path)
    assert caught.value.file.endswith("vacancies.parquet")
