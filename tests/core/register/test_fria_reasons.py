"""The FRIA's flag reasons in words, in the exports' language (they printed the codes)."""

from __future__ import annotations

from html import escape

import pytest

from openpes.i18n import LANGUAGES
from openpes.register import Fria, FriaRisk, fria_export, fria_summary

CODES = ("alert:human_decisions", "group:sex=female", "model:abc123")


def _flagged() -> Fria:
    return Fria(
        "m",
        {"a": {"en": "Counselling"}},
        [FriaRisk({"en": "Women"}, {"en": "Under-support"}, 3, 3, monitor="human_decisions")],
        flagged=list(CODES),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exports_and_the_summary_give_the_reasons_in_words(language):
    texts = {
        "summary": fria_summary(_flagged(), language=language),
        "html": fria_export(_flagged(), format="html", language=language),
        "md": fria_export(_flagged(), format="md", language=language),
    }
    for name, text in texts.items():
        for code in CODES:
            assert code not in text, (name, code)
        assert "abc123" in text, (name, "the model version is named")


def test_the_words_are_the_readers():
    english = fria_summary(_flagged(), language="en")
    assert "An alert is open on a monitor this assessment names: How counsellors decide" in english
    assert "A group appears that was not assessed: Women" in english
    assert "The model changed: version abc123 is not the one assessed" in english
    french = fria_summary(_flagged(), language="fr")
    assert "Une alerte est ouverte" in french and "Femmes" in french


def test_the_json_export_keeps_the_codes_for_machines():
    assert "alert:human_decisions" in fria_export(_flagged(), format="json")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_exports_list_the_reasons_one_by_one(language):
    # Joined with a hard-coded "; ", the reasons ran together in one line in every language.
    from openpes.register import fria_reason_text

    reasons = [fria_reason_text(code, language=language) for code in CODES]
    html = fria_export(_flagged(), format="html", language=language)
    md = fria_export(_flagged(), format="md", language=language).splitlines()
    for reason in reasons:
        assert f"<li>{escape(reason)}</li>" in html
        assert f"- {reason}" in md
    assert "; ".join(reasons) not in html


def test_the_summary_joins_the_reasons_as_the_language_does():
    from openpes.register import fria_reason_text

    french = fria_summary(_flagged(), language="fr")
    reasons = [fria_reason_text(code, language="fr") for code in CODES]
    assert "\u00a0; ".join(reasons) in french
    english = fria_summary(_flagged(), language="en")
    assert "; ".join(fria_reason_text(code) for code in CODES) in english
