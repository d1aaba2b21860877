"""Benchmark figures on the hub's pages are written as the reader's language writes them."""

from __future__ import annotations

import pytest

from openpes.i18n import LocalisedText
from openpes.web.exchange.presenters import _number


@pytest.mark.parametrize(
    ("metric", "value", "language", "shown"),
    [
        ("indicators:override_rate", 0.35, "en", "35%"),
        ("indicators:override_rate", 0.35, "fr", "35\u00a0%"),
        ("indicators:override_rate", 0.35, "tr", "%35"),
        ("readiness:overall", 2.6, "fr", "3"),
        ("indicators:caseload", 12.0, "en", "12"),
        ("indicators:caseload", 1234.5, "fr", "1\u202f234,5"),
        ("indicators:caseload", 1234.5, "en", "1,234.5"),
    ],
)
def test_a_figure_is_written_in_the_readers_language(metric, value, language, shown):
    assert _number(metric, value, LocalisedText("openpes.exchange", language)) == shown
