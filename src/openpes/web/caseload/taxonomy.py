"""The one shared taxonomy of the web process, and label helpers for templates."""

from __future__ import annotations

from functools import cache

from django.core.signals import request_started
from django.utils.translation import get_language

from openpes.errors import InputError
from openpes.taxonomy import Taxonomy


@cache
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


# Per request, the taxonomy found for each language: a page asks for hundreds of labels,
# and each lookup of an import (a stat, and an error when nothing was imported in that
# language) cost about 27 µs. Cleared when a request starts, so a new import shows at once.
_found: dict[str, Taxonomy] = {}


def forget_found(**_: object) -> None:
    """Forget which languages were imported (at the start of every request)."""
    _found.clear()


request_started.connect(forget_found, dispatch_uid="openpes-local-taxonomy")


def local_taxonomy() -> Taxonomy:
    """The taxonomy in the request's language if one was imported, else the bundled one.

    ``openpes taxonomy import FOLDER --language fi`` makes Finnish labels and search
    appear for Finnish users. URIs are the same in every language, so what is stored
    and matched does not depend on it.
    """
    language = (get_language() or "en").split("-")[0].lower()
    if language == taxonomy().language:
        return taxonomy()
    found = _found.get(language)
    if found is None:
        try:
            found = Taxonomy.load(language)
        except InputError:
            found = taxonomy()
        _found[language] = found
    return found


def label_of(uri: str) -> str:
    for tax in (local_taxonomy(), taxonomy()):
        try:
            return tax.label(uri)
        except (KeyError, InputError):  # a partial import: the bundled label, else the URI
            continue
    return uri
