"""Shared fixtures for the readiness tests."""

from __future__ import annotations

import pytest

from openpes.readiness import Assessment, Framework, Respondent, load_framework


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework()


def uniform(framework: Framework, level: int | None, group: str = "leadership") -> Respondent:
    """A respondent giving the same answer to every question."""
    return Respondent(f"{group}-{level}", group, {q.id: level for q in framework.questions})


def assessment(*respondents: Respondent, **kwargs: object) -> Assessment:
    return Assessment("PES of Testland (fictional)", tuple(respondents), **kwargs)  # type: ignore[arg-type]
