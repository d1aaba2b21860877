"""The texts Django itself puts on our pages (a select's empty choice, form errors, password
rules) read in every shipped language, where Django's own catalogue leaves some untranslated."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.db.models.utils import get_blank_choice_label
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

import openpes.web.www
from openpes.i18n import LANGUAGES
from openpes.web.accounts.enums import Role

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
#: The auth forms behind our sign-in and password pages (Django's, not ours).
AUTH_FORMS = (
    auth_forms.AuthenticationForm,
    auth_forms.PasswordChangeForm,
    auth_forms.PasswordResetForm,
    auth_forms.SetPasswordForm,
)


def _our_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(openpes.web.www.__path__, "openpes.web.www."):
        importlib.import_module(module.name)
    found, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("openpes.web."):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _lazy_texts(field: forms.Field) -> Iterator[Promise]:
    """Every text the field can show that Django or we translate lazily: its errors, its
    validators' messages and, for a select, its choice labels (the empty choice among them)."""
    yield from field.error_messages.values()
    yield from (getattr(v, "message", None) for v in field.validators)
    if isinstance(field, forms.ModelChoiceField):
        yield field.empty_label
    elif isinstance(field, forms.ChoiceField):
        for _, label in field.choices:
            if isinstance(label, list | tuple):  # an optgroup
                yield from (inner for _, inner in label)
            else:
                yield label


def _form_texts() -> dict[Promise, str]:
    """text -> where it shows, over our forms and the auth forms our pages use."""
    texts: dict[Promise, str] = {get_blank_choice_label(): "every select's empty choice"}
    for cls in (*_our_form_classes(), *AUTH_FORMS):
        for name, field in cls.base_fields.items():
            for text in _lazy_texts(field):
                if isinstance(text, Promise):
                    texts.setdefault(text, f"{cls.__module__}.{cls.__qualname__}.{name}")
    return texts


class _Params(dict):
    """Any placeholder a message names reads 5: a lazy plural needs its count to be shown."""

    def __missing__(self, key: str) -> int:
        return 5


def _in(language: str, text: Promise) -> str:
    with translation.override(language):
        return text % _Params()


def test_our_forms_and_djangos_texts_are_found():
    names = {cls.__qualname__ for cls in _our_form_classes()}
    assert {"CaseForm", "ShareForm"} <= names
    assert {"This field is required.", "- Select an option -"} <= _django_wordings()


@cache
def _django_wordings() -> frozenset[str]:
    """Django's own English texts, as a form shows them (a plural with its count).

    Our own texts are checked against our catalogues by tests/test_translations.py, where a
    translation may rightly read as the English does ("Name" in German)."""
    wordings = set()
    for po in Path(django.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"):
        with po.open("rb") as handle:
            for message in read_po(handle):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                wordings.update(text % _Params() if "%(" in text else text for text in ids)
    return frozenset(wordings)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_django_form_text_our_pages_show_is_translated(language):
    untranslated = {
        _in("en", text): where
        for text, where in _form_texts().items()
        if _in("en", text) in _django_wordings() and _in(language, text) == _in("en", text)
    }
    assert not untranslated, f"{language}: Django leaves these in English: {untranslated}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_password_rules_are_translated(language):
    with translation.override("en"):
        english = password_validators_help_texts()
    with translation.override(language):
        shown = password_validators_help_texts()
    same = [text for text, theirs in zip(english, shown, strict=True) if text == theirs]
    assert not same, f"{language}: password rules left in English: {same}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_select_on_the_case_form_offers_its_empty_choice_in_the_language(client_for, language):
    client: Client = client_for(Role.OVERSIGHT)
    page = client.get(reverse("exchange_case_new"), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert page.status_code == 200 and f'<html lang="{language}">' in html
    with translation.override(language):
        empty = str(get_blank_choice_label())
    assert f'<option value="" selected>{empty}</option>' in html
    assert "Select an option" not in html
