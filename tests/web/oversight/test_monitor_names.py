"""One list of monitor names: the core's, which the dashboard, the alert mail and the FRIA
reasons all use (the web and the core named the same monitors differently in fr and de)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from openpes.i18n import LANGUAGES
from openpes.oversight import MONITORS, monitor_name
from openpes.register import fria_reason_text
from openpes.web.accounts.enums import Role
from openpes.web.oversight.notify import _monitor_name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_names_monitors_as_the_core_does(db, make_user, language):
    client = Client()
    client.force_login(
        make_user(Role.OVERSIGHT), backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.get(reverse("oversight_home"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    expected = {m: monitor_name(m, language) for m in MONITORS}
    assert {m: str(n) for m, n in response.context["monitor_labels"].items()} == expected


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_alert_mail_and_the_fria_reasons_use_the_same_names(settings, language):
    settings.LANGUAGE_CODE = language
    with translation.override(language):
        for monitor in MONITORS:
            assert _monitor_name(monitor) == monitor_name(monitor, language)
            assert monitor_name(monitor, language) in fria_reason_text(
                f"alert:{monitor}", language=language
            )


def test_the_names_keep_the_dashboards_wording():
    # The dashboard's users know these names; the core's report took them over.
    assert monitor_name("anchoring") == "Anchoring on the model's output"
    assert monitor_name("human_decisions", "fr") == "Comment les conseillers décident"
    assert monitor_name("human_decisions", "de") == "Wie die Beratenden entscheiden"
