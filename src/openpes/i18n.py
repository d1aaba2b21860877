"""Translations for the analytics core, without Django.

Each core package that shows text to people (reports, explanations, model cards)
keeps a gettext catalogue in ``<package>/locale/<lang>/LC_MESSAGES/messages.po``
with its compiled ``messages.mo`` beside it. The web app uses Django's own catalogues;
both are checked for completeness by ``tests/test_translations.py``.
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from babel.numbers import format_decimal, format_percent

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Language", "LocalisedText", "translator"]

Language = Literal["en", "fr", "de", "nl", "es"]
#: The languages OpenPES ships, in the order the language switcher shows them.
LANGUAGES: tuple[Language, ...] = ("en", "fr", "de", "nl", "es")
DEFAULT_LANGUAGE: Language = "en"


@lru_cache(maxsize=64)
def translator(package: str, language: str = DEFAULT_LANGUAGE) -> gettext.NullTranslations:
    """Return the gettext translations of a core package for one language.

    English is the source language, so it (and any language we do not ship) falls
    back to the untranslated strings.

    Examples
    --------
    >>> _ = translator("openpes.fairness", "fr").gettext
    >>> isinstance(_("overall"), str)
    True
    """
    base = language.split("-")[0].split("_")[0].lower()
    localedir = str(files(package) / "locale")
    return gettext.translation("messages", localedir, languages=[base], fallback=True)


class LocalisedText:
    """Gettext and number formatting of one core package, in one language.

    Reports and explanations subclass it with their own sentences; numbers are written
    the way the reader's language writes them (``0,35`` in French, ``0.35`` in English).
    """

    MISSING = "—"

    def __init__(self, package: str, language: str) -> None:
        self.language = language
        self.gettext: Callable[[str], str] = translator(package, language).gettext
        # Babel's plain "en" groups like en_US; the reports follow European usage.
        self.locale = {"en": "en_GB"}.get(language, language)

    @staticmethod
    def _missing(value: Any) -> bool:
        return value is None or (isinstance(value, float) and not math.isfinite(value))

    def number(self, value: Any, digits: int = 2) -> str:
        if self._missing(value):
            return self.MISSING
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def percent(self, value: Any, digits: int = 0) -> str:
        if self._missing(value):
            return self.MISSING
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return str(format_percent(value, format=pattern, locale=self.locale))
