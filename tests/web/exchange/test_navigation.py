"""Team leads reach the hub from the main menu, where there is a hub."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role


def _menu(user) -> str:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("home"), follow=True).content.decode()
    return page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]


@pytest.mark.django_db
def test_a_team_lead_finds_the_hub_in_the_menu_on_a_hub(make_user, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "1")
    lead = make_user(Role.TEAM_LEAD)
    assert f'href="{reverse("exchange_hub")}"' in _menu(lead)
    assert Client().get(reverse("exchange_hub")).status_code in (302, 403)  # not for anyone
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("exchange_hub")).status_code == 200


@pytest.mark.django_db
def test_without_a_hub_the_menu_has_no_link_that_would_answer_404(make_user, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "0")
    assert reverse("exchange_hub") not in _menu(make_user(Role.TEAM_LEAD))


@pytest.mark.django_db
def test_oversight_keeps_one_exchange_link(make_user, monkeypatch):
    monkeypatch.setenv("OPENPES_HUB", "1")
    menu = _menu(make_user(Role.OVERSIGHT))
    assert menu.count(">Exchange<") == 1 and reverse("exchange_share") in menu
