"""The one shared taxonomy of the web process, and label helpers for templates."""

from __future__ import annotations

from functools import cache

from openpes.taxonomy import Taxonomy


@cache
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


def label_of(uri: str) -> str:
    try:
        return taxonomy().label(uri)
    except KeyError:
        return uri
