"""Pages write dates and numbers in each language's own format (Django's locale formats)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import formats, translation


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [
        ("en", "1 Dec 2026", "12,345.5"),
        ("ko", "2026년 12월 1일", "12,345.5"),
        ("tr", "01 Aralık 2026", "12.345,5"),
        ("fi", "1. joulukuuta 2026", "12\xa0345,5"),
        ("lv", "2026. gada 1. decembris", "12\xa0345,5"),
        ("ms", "1 Dis 2026", "12,345.5"),
    ],
)
def test_dates_and_numbers_follow_the_language(settings, language, date, number):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 12, 1)) == date
        assert formats.number_format(12345.5, use_l10n=True, force_grouping=True) == number
