"""Numbers in reports are written the way each of the ten languages writes them."""

from __future__ import annotations

import pytest

from openpes.i18n import LANGUAGES, LocalisedText


@pytest.mark.parametrize(
    ("language", "number", "percent"),
    [
        ("en", "12,345.68", "35.2%"),
        ("fr", "12\u202f345,68", "35,2%"),
        ("de", "12.345,68", "35,2%"),
        ("fi", "12\xa0345,68", "35,2%"),
        ("lv", "12\xa0345,68", "35,2%"),
        ("tr", "12.345,68", "%35,2"),
        ("ko", "12,345.68", "35.2%"),
        ("ms", "12,345.68", "35.2%"),
    ],
)
def test_numbers_follow_the_locale(language, number, percent):
    text = LocalisedText("openpes.reports", language)
    assert text.number(12345.678) == number
    assert text.percent(0.352, 1) == percent


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_formats_percentages(language):
    text = LocalisedText("openpes.reports", language).percent(0.5)
    assert "50" in text and "%" in text
