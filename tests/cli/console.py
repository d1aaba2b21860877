"""Run the ``openpes`` console script as a user does, in a clean language environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any


def run_openpes(
    *args: str, env: dict[str, str] | None = None, cwd: str | Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``openpes ARGS`` in a subprocess: no language from the caller's locale unless ``env``
    sets one, and a wide terminal so that lines are not wrapped."""
    return subprocess.run(
        [sys.executable, "-c", "from openpes._console import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={
            **os.environ,
            "OPENPES_LANGUAGE": "",
            "LC_ALL": "",
            "LANG": "C",
            "COLUMNS": "200",
            **(env or {}),
        },
    )


def run_in_process(args: list[str], monkeypatch: Any, capsys: Any) -> tuple[int, str]:
    """``openpes ARGS`` in this process, as the installed command runs it: the exit code and
    everything printed, with whitespace folded (Rich wraps at the terminal's width)."""
    from openpes.cli import main  # here, so that run_openpes costs no import of the CLI

    monkeypatch.setattr(sys, "argv", ["openpes", *args])
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.delenv("OPENPES_DEBUG", raising=False)
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return code, re.sub(r"\s+", " ", captured.out + captured.err)
