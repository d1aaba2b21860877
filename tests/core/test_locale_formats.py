"""Numbers in reports are written the way each of the ten languages writes them."""

from __future__ import annotations

import pytest

from openpes.i18n import LANGUAGES, LocalisedText


@pytest.mark.parametrize(
    ("language", "number", "percent"),
    [
        # The percent sign is spaced as Babel's (CLDR's) percent format of the language says.
        ("en", "12,345.68", "35.2%"),
        ("fr", "12\u202f345,68", "35,2\xa0%"),
        ("de", "12.345,68", "35,2\xa0%"),
        ("nl", "12.345,68", "35,2%"),
        ("es", "12.345,68", "35,2\xa0%"),
        ("fi", "12\xa0345,68", "35,2\xa0%"),
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
def test_a_percentage_is_written_as_babels_percent_format(language):
    # "0,0 %" in French, "%0,0" in Turkish: the locale's own pattern, with one decimal.
    from babel import Locale
    from babel.numbers import format_percent

    text = LocalisedText("openpes.reports", language)
    pattern = Locale.parse(text.locale).percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    for value in (0.0, -0.05, 0.352, 12.345):
        assert text.percent(value, 1) == format_percent(value, pattern, locale=text.locale)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_formats_percentages(language):
    text = LocalisedText("openpes.reports", language).percent(0.5)
    assert "50" in text and "%" in text


@pytest.fixture(scope="module")
def fairness_audit():
    import numpy as np
    import polars as pl

    from openpes.fairness import audit

    rng = np.random.default_rng(0)
    n = 4000
    frame = pl.DataFrame(
        {"y": rng.integers(0, 2, n), "p": rng.integers(0, 2, n), "sex": rng.choice(["f", "m"], n)}
    )
    return audit(frame, label="y", prediction="p", sensitive=["sex"])


@pytest.mark.parametrize(
    ("language", "count", "title"),
    [("tr", "4.000 karar", "# Adalet denetimi"), ("ko", "결정 4,000건", "# 공정성 감사")],
)
def test_a_report_is_written_in_the_readers_language_and_number_format(
    fairness_audit, language, count, title
):
    from openpes.fairness import to_markdown

    report = to_markdown(fairness_audit, language=language)
    assert report.startswith(title)
    assert count in report
    decimal = "," if language == "tr" else "."
    assert f"| 1{decimal}0" in report  # ratios such as 1,07 (tr) or 1.07 (ko)
