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
def _test_catalogue(catalogue_dir, monkeypatch):
    from openpes.web.counselling import suggestions

    monkeypatch.setenv("OPENPES_CATALOGUE_DIR", str(catalogue_dir))
    if suggestions.catalogue_dir() != catalogue_dir:
        suggestions._catalogue.cache_clear()
        suggestions.match_index.cache_clear()


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
