"""Shares in explanations read as percentages, in the reader's own number format."""

from __future__ import annotations

import pytest

from openpes.profiling._text import Texts


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "5.8%"), ("fr", "5,8"), ("de", "5,8"), ("nl", "5,8")]
)
def test_the_regional_unemployment_rate_is_a_percentage(language, expected):
    sentence = Texts(language).factor("region_unemployment_rate", 0.058, 0.1)
    assert expected in sentence and "0.058" not in sentence and "0,058" not in sentence


def test_other_numbers_keep_their_form():
    assert "12" in Texts("en").factor("n_skills", 12, -0.2)


def test_a_zero_rate_is_spaced_as_french_writes_percentages():
    # Babel's French percent format puts a no-break space before the sign: "0,0 %".
    sentence = Texts("fr").factor("region_unemployment_rate", 0.0, 0.1)
    assert "0,0\xa0%" in sentence, sentence
