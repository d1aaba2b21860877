"""What could help is counted in the reader's language: "1 more language", "2 more languages".

These phrases reach the job seeker's and the counsellor's pages as the plain-language
reason, so each language's own plural form matters (French and Latvian have three).
"""

from __future__ import annotations

import pytest

from openpes.profiling._text import Texts


@pytest.mark.parametrize(
    ("language", "feature", "one", "two"),
    [
        ("en", "n_languages", "learning 1 more language", "learning 2 more languages"),
        ("fr", "n_languages", "apprendre 1 langue de plus", "apprendre 2 langues de plus"),
        ("lv", "n_languages", "vēl 1 valodas apgūšana", "vēl 2 valodu apgūšana"),
        (
            "en",
            "isced",
            "completing 1 more level of education",
            "completing 2 more levels of education",
        ),
        (
            "fr",
            "isced",
            "achever 1 niveau d'études de plus",
            "achever 2 niveaux d'études de plus",
        ),
        (
            "lv",
            "isced",
            "vēl 1 izglītības līmeņa pabeigšana",
            "vēl 2 izglītības līmeņu pabeigšana",
        ),
        (
            "fr",
            "n_skills",
            "acquérir 1 compétence de plus, par exemple grâce à une formation",
            "acquérir 2 compétences de plus, par exemple grâce à une formation",
        ),
    ],
)
def test_the_step_chooses_the_plural_form(language, feature, one, two):
    texts = Texts(language)
    assert texts.change(feature, 1, 2) == one
    assert texts.change(feature, 1, 3) == two


def test_a_whole_float_step_counts_like_an_int():
    assert Texts("en").change("n_languages", 1.0, 2.0) == "learning 1 more language"


def test_a_fractional_step_is_written_as_the_plain_change():
    # gettext counts in whole numbers: half a language has no plural form to choose.
    assert Texts("en").change("n_languages", 1, 1.5).endswith("from 1 to 1.5")
    assert "more language" not in Texts("en").change("n_languages", 1, 1.5)
