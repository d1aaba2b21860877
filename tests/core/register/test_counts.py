"""A sentence of the register that holds a count takes that count's plural form, in every
language: "1 row" and "2 rows" in English, "1 rinda" but also "21 rinda" in Latvian.

The texts are read from the real catalogues (French and Latvian have three forms).
"""

from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.register import AnnexIV, LiveFacts
from openpes.register._live import group_lines, live_texts

PERIOD = ("2024-01-01", "2025-12-31")


def _training(rows: int, language: str) -> str:
    live = LiveFacts("2026-01-05", training_rows=rows, training_period=PERIOD)
    return live_texts(live, language)["training"]


def _overrides(decisions: int, language: str) -> str:
    live = LiveFacts("2026-01-05", decisions=decisions, override_rate=0.5)
    return live_texts(live, language)["overrides"]


def _left_out(groups: int, language: str) -> str:
    return group_lines(LiveFacts("2026-01-05", groups_withheld=groups), language)[-1]


@pytest.mark.parametrize(
    ("sentence", "language", "one", "two"),
    [
        (_training, "en", "Training data: 1 row, period", "Training data: 2 rows, period"),
        (_training, "fr", "1 ligne, période", "2 lignes, période"),
        (_training, "lv", "1 rinda, periods", "2 rindas, periods"),
        (_overrides, "en", "in 50.0% of 1 decision.", "in 50.0% of 2 decisions."),
        (_overrides, "fr", "de 1 décision.", "de 2 décisions."),
        (_overrides, "lv", "no 1 lēmuma.", "no 2 lēmumiem."),
        (_left_out, "en", "(1 group left out).", "(2 groups left out)."),
        (_left_out, "fr", "(1 groupe omis).", "(2 groupes omis)."),
        (_left_out, "lv", "(izlaista 1 grupa).", "(izlaistas 2 grupas)."),
    ],
)
def test_one_and_two_take_their_own_form(sentence, language, one, two):
    assert one in sentence(1, language) and two not in sentence(1, language)
    assert two in sentence(2, language) and one not in sentence(2, language)


def test_latvian_counts_by_the_last_digits_not_by_one():
    # 21 takes the singular, 11 and 10 the form Latvian uses for n % 10 == 0 and 11-19.
    assert "21 rinda," in _training(21, "lv")
    assert "11 rindas," in _training(11, "lv") and "10 rindas," in _training(10, "lv")


def test_a_count_unknown_yet_is_said_so_without_a_plural():
    assert live_texts(LiveFacts("2026-01-05"), "en")["training"] == (
        "Training data: not available yet."
    )


@pytest.mark.parametrize(
    ("language", "one", "eight"),
    [("fr", "1 reçu", "8 reçus"), ("lv", "saņemts 1", "saņemti 8")],
)
def test_an_error_about_a_count_agrees_with_it(language, one, eight):
    def error(points: int) -> str:
        with pytest.raises(InputError) as caught:
            AnnexIV("m", "en", ((),) * points)
        return caught.value.translate(language)

    assert error(1).endswith(one) and error(8).endswith(eight)
