"""Translations for the analytics core, without Django.

Each core package that shows text to people (reports, explanations, model cards)
keeps a gettext catalogue in ``<package>/locale/<lang>/LC_MESSAGES/messages.po``
with its compiled ``messages.mo`` beside it. The web app uses Django's own catalogues;
both are checked for completeness by ``tests/test_translations.py``.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.resources import files
from typing import Literal

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Language", "translator"]

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
