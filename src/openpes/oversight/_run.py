"""Run every monitor of every AI system over one period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from openpes._frames import IntoFrame
from openpes.oversight._policy import OversightPolicy
from openpes.oversight._results import OversightRun

__all__ = ["run_monitors"]


def run_monitors(
    *,
    suggestions: IntoFrame | None,
    assessments: IntoFrame | None,
    outcomes: IntoFrame | None,
    features_current: IntoFrame | None = None,
    features_reference: IntoFrame | None = None,
    sensitive: Sequence[str],
    policy: OversightPolicy | None = None,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    reveal_small_groups: bool = True,
    intersections: int = 2,
    engine: Literal["polars", "spark"] = "polars",
) -> OversightRun:
    """Compute every monitor for the period and raise the policy's alerts."""
    raise NotImplementedError
