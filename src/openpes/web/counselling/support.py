"""The support-needs model for the web: loaded once per process from its verified artifact.

``OPENPES_MODEL_DIR`` points at a folder written by ``openpes profile train`` (the demo
writes ``var/demo-model``). Loading verifies every file's SHA-256, so a tampered model is
refused rather than used.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from django.conf import settings

from openpes.profiling import (
    Assessment,
    SupportNeedsModel,
    artifact_sha256,
    assess,
    features_from_world,
    load_model,
)
from openpes.web.caseload.frames import jobseekers_frame
from openpes.web.caseload.models import JobSeeker


def model_dir() -> Path:
    return Path(os.environ.get("OPENPES_MODEL_DIR", settings.VAR_DIR / "demo-model"))


@cache
def support_model() -> tuple[SupportNeedsModel, str] | None:
    folder = model_dir()
    if not folder.exists():
        return None
    return load_model(folder), artifact_sha256(folder)[:12]


def model_assessment(jobseeker: JobSeeker, *, language: str) -> tuple[Assessment, str] | None:
    """The model's assessment of one person and the model's version, or None without a model."""
    loaded = support_model()
    if loaded is None:
        return None
    model, version = loaded
    row = features_from_world(jobseekers_frame([jobseeker]))
    return assess(model, row, language=language, top=5), version
