"""The ``openpes`` console script, which must say what to install when the CLI is missing.

``pip install openpes`` brings the analytics core only; the command line and the web app
are the ``cli`` and ``web`` extras. Without them a bare ``ModuleNotFoundError`` traceback
would be the first thing a new user sees.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    try:
        from openpes.cli import main as cli_main
    except ModuleNotFoundError as exc:
        print(
            f"openpes: the command line needs the 'cli' extra ({exc.name} is not installed):\n"
            "  pip install 'openpes[cli]'    (or 'openpes[web]' for the web application too)",
            file=sys.stderr,
        )
        sys.exit(2)
    cli_main()
