"""Shared test plumbing.

Tests that need a system part (PostgreSQL, Chromium, Java for Spark) call
:func:`require`: on a developer laptop a missing part skips the test with the reason;
under CI (``CI=true``) it fails instead, because CI must run everything.
"""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip (laptop) or fail (CI) the calling test when a system part is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}", pytrace=False)
    pytest.skip(reason)
