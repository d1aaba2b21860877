"""Core errors reach the web user translated, with a status, never as a server error."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from openpes.errors import ConfigurationError, InputError
from openpes.i18n import messages
from openpes.web.ui.errors import OpenPESErrorMiddleware, error_text

_ = messages("openpes")


def _middleware():
    return OpenPESErrorMiddleware(lambda request: None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "fichier a.csv, ligne 3: ce fichier n’existe pas"), ("en", "file a.csv, row 3")],
)
def test_uncaught_input_error_is_a_translated_400_page(language, expected):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    error = InputError(_("this file does not exist"), file="a.csv", row=3)
    with translation.override(language):
        response = _middleware().process_exception(request, error)
    assert response.status_code == 400
    assert expected in response.content.decode()


def test_other_exceptions_are_left_to_django():
    request = RequestFactory().get("/")
    assert _middleware().process_exception(request, KeyError("x")) is None


def test_error_text_follows_the_active_language():
    error = ConfigurationError(_("this file does not exist"))
    with translation.override("de"):
        assert error_text(error) == "diese Datei existiert nicht"
