"""The run as the documented JSON contract of ``openpes oversight run``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpes.oversight._results import OversightRun

__all__ = ["run_to_dict"]


def run_to_dict(run: OversightRun, *, statuses: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The run as JSON-ready data; ``statuses`` gives each system's status (active/paused)."""
    raise NotImplementedError
