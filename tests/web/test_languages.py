from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role

SIGN_IN = {
    "en": "Sign in",
    "fr": "Se connecter",
    "de": "Anmelden",
    "nl": "Aanmelden",
    "es": "Iniciar sesión",
    "fi": "Kirjaudu sisään",
    "lv": "Pieteikties",
    "tr": "Oturum aç",
    "ko": "로그인",
    "ms": "Log masuk",
}


@pytest.mark.parametrize(("language", "heading"), SIGN_IN.items())
def test_login_page_follows_accept_language(db, language, heading):
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html


def test_language_switcher_overrides_the_browser(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "nl", "next": reverse("login")})
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<h1>Aanmelden</h1>" in html


@pytest.mark.parametrize("role", list(Role))
def test_every_role_home_has_the_switcher_and_landmarks(client_for, role):
    response = client_for(role).get(reverse("home"), follow=True)
    html = response.content.decode()
    skip_link = "skip-to-content-link" if role == Role.ADMIN else 'class="skip-link"'
    for marker in ('action="/i18n/setlang/"', skip_link, "<main", "<footer", "ESCO"):
        assert marker in html, f"{marker} missing for {role}"
