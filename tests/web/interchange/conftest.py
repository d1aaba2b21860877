"""Shared by the import tests: ``openpes import`` run as the installed command runs it."""

from __future__ import annotations

import re
import sys

import pytest

from openpes.cli import main


@pytest.fixture
def cli_import(monkeypatch, capsys):
    """The exit code and everything printed, as the installed ``openpes`` command gives them."""

    def run(kind: str, path, *options: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
        monkeypatch.setattr(sys, "argv", ["openpes", "import", kind, str(path), *options])
        monkeypatch.setenv("COLUMNS", "400")
        monkeypatch.delenv("OPENPES_DEBUG", raising=False)
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return code, re.sub(r"\s+", " ", captured.out + captured.err)

    return run
