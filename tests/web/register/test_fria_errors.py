"""The FRIA page's GOV.UK error pattern: one summary at the top, formset errors included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.selectors import record_get

MANAGEMENT = {
    "risk-TOTAL_FORMS": "2",
    "risk-INITIAL_FORMS": "0",
    "risk-MIN_NUM_FORMS": "0",
    "risk-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def fria_url(db, support_model_installed):
    register_demo_seed()
    assert record_get(system="support-needs") is not None
    return reverse("register_fria", args=["support-needs"])


def _risk(n: int, **values: str) -> dict[str, str]:
    base = {"group": "", "harm": "", "severity": "4", "likelihood": "3"}
    return {f"risk-{n}-{key}": value for key, value in {**base, **values}.items()}


def test_two_failing_risks_give_one_summary_at_the_top(client_for, fria_url):
    admin = client_for(Role.ADMIN)
    data = {**MANAGEMENT, **_risk(0, harm="Harm one"), **_risk(1, harm="Harm two")}
    response = admin.post(fria_url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('id="error-summary"') == 1
    assert html.count('id="error-summary-title"') == 1
    summary_at = html.index('id="error-summary"')
    # The summary comes before the first field, and links to both risks' missing group.
    assert summary_at < html.index('name="element_a"')
    assert summary_at < html.index('href="#id_risk-0-group"') < html.index('id="id_risk-0-group"')
    assert 'href="#id_risk-1-group"' in html
    assert "Harm one" in html and "Harm two" in html, "the input is kept"


def test_the_summary_separator_is_the_languages_own(client_for, fria_url):
    # French writes a no-break space before the colon; a hard-coded ": " could not.
    admin = client_for(Role.ADMIN)
    data = {**MANAGEMENT, "risk-TOTAL_FORMS": "1", **_risk(0, harm="Harm one")}
    html = admin.post(fria_url, data, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    start = html.index('id="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert "\u00a0: " in summary
    assert " : " not in summary.replace("\u00a0: ", "")


@pytest.mark.parametrize(
    "change",
    [
        # No management form: the formset cannot be read at all.
        {"risk-TOTAL_FORMS": None, "risk-INITIAL_FORMS": None},
        # More forms than the formset accepts.
        {"risk-TOTAL_FORMS": "2001"},
    ],
)
def test_formset_errors_are_in_the_summary_and_at_the_risks(client_for, fria_url, change):
    admin = client_for(Role.ADMIN)
    data = {f"element_{k}": f"text {k}" for k in "abcdef"}
    data.update({**MANAGEMENT, "risk-TOTAL_FORMS": "1", **_risk(0, group="Carers", harm="H")})
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    response = admin.post(fria_url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('id="error-summary"') == 1
    start = html.index('id="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert 'href="#risk-errors"' in summary
    at_risks = html.index('id="risk-errors"')
    assert at_risks > start
    # The same message in the summary and at the formset.
    message = summary.split('href="#risk-errors">', 1)[1].split("</a>", 1)[0]
    assert message.strip() and message in html[at_risks:]
    assert "text a" in html, "the input is kept"
