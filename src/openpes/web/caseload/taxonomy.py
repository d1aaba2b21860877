"""The one shared taxonomy of the web process, and label helpers for templates."""

from __future__ import annotations

from functools import cache

from django.utils.translation import get_language

from openpes.errors import InputError
from openpes.taxonomy import Taxonomy


@cache
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


def local_taxonomy() -> Taxonomy:
    """The taxonomy in the request's language if one was imported, else the bundled one.

    ``openpes taxonomy import FOLDER --language fi`` makes Finnish labels and search
    appear for Finnish users. URIs are the same in every language, so what is stored
    and matched does not depend on it.
    """
    language = (get_language() or "en").split("-")[0].lower()
    if language == taxonomy().language:
        return taxonomy()
    try:
        return Taxonomy.load(language)
    except InputError:
        return taxonomy()


def label_of(uri: str) -> str:
    for tax in (local_taxonomy(), taxonomy()):
        try:
            return tax.label(uri)
        except (KeyError, InputError):  # a partial import: the bundled label, else the URI
            continue
    return uri
