"""The one report layer's pages (fairness audit, model card) pass axe in every language."""

from __future__ import annotations

import pytest

from openpes.i18n import LANGUAGES
from tests.browser.pages import blocking_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def audit():
    import polars as pl

    from openpes import fairness

    rows = 400
    data = pl.DataFrame(
        {
            "y": [i % 2 for i in range(rows)],
            "p": [(i // 3) % 2 for i in range(rows)],
            "score": [((i * 37) % 100) / 100 for i in range(rows)],
            "sex": ["female" if i % 3 else "male" for i in range(rows)],
            "origin": ["national" if i % 5 else "non_eu" for i in range(rows)],
        }
    )
    return fairness.audit(
        data, label="y", prediction="p", score="score", sensitive=["sex", "origin"]
    )


def _check(page, html: str, language: str) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.set_content(html)
        assert page.get_attribute("html", "lang") == language
        assert not blocking_violations(page), (language, width)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fairness_report_has_no_serious_axe_findings(page, audit, language):
    from openpes import fairness

    _check(page, fairness.to_html(audit, language=language), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_card_has_no_serious_axe_findings(page, model_dir, language):
    from openpes.profiling import load_model, model_card

    html = model_card(load_model(model_dir), format="html", language=language)
    _check(page, html, language)
