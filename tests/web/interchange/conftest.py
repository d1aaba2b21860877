"""Shared by the import tests: ``openpes import`` run as the installed command runs it."""

from __future__ import annotations

import pytest

from tests.cli.console import run_in_process


@pytest.fixture
def cli_import(monkeypatch, capsys):
    """The exit code and everything printed, as the installed ``openpes`` command gives them."""

    def run(kind: str, path, *options: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
        return run_in_process(["import", kind, str(path), *options], monkeypatch, capsys)

    return run
