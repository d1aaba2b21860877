from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from openpes.errors import InputError
from openpes.matching import MatchIndex, load_index, save_index
from openpes.synth import generate_world
from openpes.taxonomy import Taxonomy


@pytest.fixture(scope="module")
def world():
    return generate_world(300, 2000, 40, seed=7)


@pytest.fixture(scope="module")
def built(world):
    return MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())


def test_a_loaded_index_suggests_exactly_what_the_built_one_does(world, built, tmp_path):
    folder = save_index(built, tmp_path / "index", tables={"vacancies": world.vacancies})
    stored = load_index(folder)
    day = world.vacancies["posted_on"].min()
    expected = built.suggest(world.jobseekers, k=5, as_of=day)
    assert_frame_equal(stored.index.suggest(world.jobseekers, k=5, as_of=day), expected)
    one = world.jobseekers[:1]
    expected_one = built.suggest(one, k=5, as_of=day)
    assert_frame_equal(stored.index.suggest(one, k=5, as_of=day), expected_one)
    assert_frame_equal(stored.tables["vacancies"], world.vacancies)


def test_the_arrays_are_memory_mapped_and_read_only(built, tmp_path):
    parts = load_index(save_index(built, tmp_path / "index")).index.parts
    assert isinstance(parts.vac_lat, np.memmap)
    assert isinstance(parts.augmented.data.base, np.memmap | np.ndarray)
    assert not parts.vac_closes.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        parts.vac_closes[0] = 0


def test_the_folder_holds_no_pickle(built, tmp_path):
    folder = save_index(built, tmp_path / "index")
    names = {p.suffix for p in folder.iterdir()}
    assert names <= {".npy", ".arrow", ".json"}
    for path in folder.glob("*.npy"):
        np.load(path, allow_pickle=False)  # raises for an object (pickled) array


def test_saving_again_replaces_the_folder_whole(built, tmp_path):
    folder = save_index(built, tmp_path / "index", label="one")
    save_index(None, folder, tables={"t": pl.DataFrame({"a": [1]})}, label="two")
    stored = load_index(folder)
    assert stored.index is None and stored.label == "two"
    assert not list(folder.glob("*.npy"))
    assert [p.name for p in tmp_path.iterdir()] == ["index"], "no staging folder is left"


@pytest.mark.parametrize("damage", ["altered", "truncated", "missing", "manifest"])
def test_a_damaged_folder_is_refused(built, tmp_path, damage):
    folder = save_index(built, tmp_path / "index")
    target = folder / "vac_lat.npy"
    data = bytearray(target.read_bytes())
    if damage == "altered":
        data[-1] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "truncated":
        target.write_bytes(bytes(data[:-8]))
    elif damage == "missing":
        target.unlink()
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["format"] = "something-else"
        (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(InputError, match="damaged"):
        load_index(folder)


def test_without_verify_only_sizes_are_checked(built, tmp_path):
    folder = save_index(built, tmp_path / "index")
    target = folder / "vac_lat.npy"
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    assert load_index(folder, verify=False).index is not None
