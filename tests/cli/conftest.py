"""Shared by the CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``var/`` folder (not created) for the command under test."""
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path / "var"))
    return tmp_path / "var"
