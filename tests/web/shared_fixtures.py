"""Fixtures the web and the browser tests share: a vacancy board and a support-needs model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def catalogue_dir(tmp_path_factory):
    """A small vacancy board and training offer, dated around today, for every web test."""
    from django.utils import timezone

    from openpes.synth import generate_world
    from openpes.web.demo.world import demo_catalogue_write

    world = generate_world(60, 300, 40, seed=11)
    return demo_catalogue_write(
        world, tmp_path_factory.mktemp("catalogue"), today=timezone.localdate()
    )


@pytest.fixture(autouse=True)
def _test_catalogue(request, catalogue_dir, monkeypatch):
    """Tests with a database get the board in the catalogue tables, as `openpes demo` loads it.

    The snapshot is keyed by the catalogue's digest, so it is built once per session.
    """
    monkeypatch.setenv("OPENPES_INDEX_DIR", str(catalogue_dir.parent / "match-index"))
    monkeypatch.setenv("OPENPES_INDEX_BUILD", "off")
    if not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue(
        "transactional_db" if "transactional_db" in request.fixturenames else "db"
    )
    from openpes.web.catalogue import services
    from openpes.web.catalogue.models import Training, Vacancy

    # Straight into the tables, without the trail event a real load records: tests count the
    # events their own actions write. `openpes import` and the API are tested with the event.
    board = _validated_catalogue(catalogue_dir)
    vacancies = [{**r, "reference": r["vacancy_id"]} for r in board["vacancies"].to_dicts()]
    trainings = [{**r, "reference": r["training_id"]} for r in board["trainings"].to_dicts()]
    services._upsert(Vacancy, services.VACANCY_FIELDS, vacancies, source="demo", progress=None)
    services._upsert(Training, services.TRAINING_FIELDS, trainings, source="demo", progress=None)
    services.catalogue_version_refresh()
    # Served from its own snapshot, not from the last one this process loaded: a test that
    # imported another source before would otherwise leave its snapshot, in which shared
    # references carry a source prefix, serving this catalogue (index builds are off).
    from openpes.web.catalogue.index import snapshot_ensure

    snapshot_ensure()


_VALIDATED: dict = {}


def _validated_catalogue(folder):
    """The board's records, validated once per session (the import path does it per load)."""
    if folder not in _VALIDATED:
        import polars as pl

        from openpes.web.interchange.validate import validate_records

        _VALIDATED[folder] = {}
        for kind in ("vacancies", "trainings"):
            frame = pl.read_parquet(folder / f"{kind}.parquet")
            records, problems = validate_records(kind, frame, file=kind)
            assert not problems, problems[:3]
            _VALIDATED[folder][kind] = records
    return _VALIDATED[folder]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    """A small demo support-needs model, trained once per test session."""
    from openpes.profiling import save_model, train_demo_model
    from openpes.synth import generate_world

    folder = tmp_path_factory.mktemp("model") / "support-needs"
    save_model(train_demo_model(generate_world(3000, 10, 2, seed=5)), folder)
    return folder


@pytest.fixture
def support_model_installed(model_dir, monkeypatch):
    from openpes.web.counselling import support

    monkeypatch.setenv("OPENPES_MODEL_DIR", str(model_dir))
    support.support_model.cache_clear()
    yield model_dir
    support.support_model.cache_clear()
