from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from openpes.matching import MatchIndex
from openpes.web.catalogue import index
from openpes.web.catalogue.selectors import catalogue_version, vacancies_frame
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import validate_records


def _add_vacancy(catalogue_dir, *, reference: str, source: str = "feed") -> None:
    row = pl.read_parquet(catalogue_dir / "vacancies.parquet").head(1)
    row = row.with_columns(vacancy_id=pl.lit(reference), closes_on=pl.lit(dt.date(2100, 1, 1)))
    records, problems = validate_records("vacancies", row, file="test")
    assert not problems
    records_apply("vacancies", records, actor=None, source=source)


@pytest.fixture
def fresh_process(monkeypatch):
    """Forget what this process loaded, as a newly started worker would."""
    monkeypatch.setattr(index, "_loaded", {})


def test_a_worker_loads_the_shared_snapshot_without_building(db, fresh_process, monkeypatch):
    index.snapshot_ensure()
    index._loaded.clear()

    def refuse(*args, **kwargs):
        raise AssertionError("a request must not build the index")

    monkeypatch.setattr(MatchIndex, "build", refuse)
    snapshot = index.current_snapshot()
    assert snapshot is not None and snapshot.version == catalogue_version()
    assert len(snapshot.index) == vacancies_frame().height


def test_a_catalogue_change_is_served_stale_until_its_snapshot_exists(
    db, catalogue_dir, fresh_process, monkeypatch
):
    old = index.snapshot_ensure()
    scheduled = []
    monkeypatch.setattr(index, "_refresh_in_background", scheduled.append)
    _add_vacancy(catalogue_dir, reference="NEW-1")
    new_version = catalogue_version()
    assert new_version != old.version
    served = index.current_snapshot()
    assert served.version == old.version, "the old index answers meanwhile"
    assert scheduled == [new_version] and not index._path(new_version).exists()
    index.snapshot_build(new_version)
    index._loaded.clear()
    current = index.current_snapshot()
    assert current.version == new_version
    assert "NEW-1" in current.index.parts.vacancies["vacancy_id"].to_list()


def test_references_are_unique_per_source_only(db, catalogue_dir):
    _add_vacancy(catalogue_dir, reference="SAME", source="a")
    _add_vacancy(catalogue_dir, reference="SAME", source="b")
    ids = vacancies_frame()["vacancy_id"].to_list()
    assert "a/SAME" in ids and "b/SAME" in ids and "SAME" not in ids


def test_the_same_catalogue_has_the_same_version_in_any_database(db):
    # The test catalogue was loaded by the autouse fixture; a digest, not a counter.
    from openpes.web.catalogue.services import catalogue_version_refresh

    before = catalogue_version()
    assert before and catalogue_version_refresh() == before


def test_a_snapshot_is_a_folder_of_plain_arrays_without_pickle(db, fresh_process):
    import numpy as np

    path = index.snapshot_build()
    assert path.is_dir() and (path / "manifest.json").exists()
    assert {p.suffix for p in path.iterdir()} <= {".npy", ".arrow", ".json"}
    for array in path.glob("*.npy"):
        np.load(array, allow_pickle=False)


def test_a_damaged_snapshot_is_never_served(db, fresh_process):
    path = index.snapshot_build()
    index._loaded.clear()
    target = path / "vac_lat.npy"
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    snapshot = index.current_snapshot()
    # Refused on its digest, then rebuilt (this database has no other snapshot to serve).
    assert snapshot is not None and snapshot.version == catalogue_version()
    assert target.read_bytes() != bytes(data)


def test_the_stale_snapshot_is_loaded_once_while_the_new_one_is_built(
    db, catalogue_dir, fresh_process, monkeypatch
):
    index.snapshot_ensure()
    monkeypatch.setattr(index, "_refresh_in_background", lambda version: None)
    _add_vacancy(catalogue_dir, reference="NEW-2")
    index._loaded.clear()
    loads = []
    real_load = index._load
    monkeypatch.setattr(index, "_load", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    first, second = index.current_snapshot(), index.current_snapshot()
    assert first is second and first.version != catalogue_version()
    assert len(loads) == 1
