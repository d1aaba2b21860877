"""Run the ``openpes`` console script as a user does, in a clean language environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
