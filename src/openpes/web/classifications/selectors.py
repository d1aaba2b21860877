"""Reads: the imported national classifications and what their codes lead to.

A choice is written ``<scheme>:<code>`` (``KSCO-7:7212-01``) wherever a form offers a
national occupation beside ESCO ones; ESCO URIs never hold that form, since they start
with ``http``.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpes.errors import InputError
from openpes.taxonomy import Crosswalk, crosswalk_schemes, load_crosswalk
from openpes.web.caseload.taxonomy import label_of, taxonomy


@dataclass(frozen=True)
class Candidate:
    """An ESCO occupation a national code leads to."""

    uri: str
    label: str
    isco_group: str


def crosswalks() -> list[Crosswalk]:
    """Every imported national classification, by scheme name."""
    return [load_crosswalk(scheme) for scheme in crosswalk_schemes()]


def national_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Form choices grouped by scheme: ``[(scheme, [("scheme:code", "code label"), ...])]``."""
    return [
        (
            walk.scheme,
            [(f"{walk.scheme}:{code}", f"{code} {walk.label(code)}") for code in walk.codes],
        )
        for walk in crosswalks()
    ]


def is_national(choice: str) -> bool:
    return ":" in choice and not choice.startswith(("http://", "https://"))


def _parse(choice: str) -> tuple[Crosswalk, str]:
    scheme, _, code = choice.partition(":")
    walk = load_crosswalk(scheme)
    walk.label(code)  # an unknown code raises InputError here
    return walk, code


def national_label(choice: str) -> str:
    """``"code label (scheme)"`` of a national choice."""
    walk, code = _parse(choice)
    return f"{code} {walk.label(code)} ({walk.scheme})"


def candidates(choice: str) -> list[Candidate]:
    """The ESCO occupations of the ISCO-08 groups of a national code, labelled for the reader.

    Raises
    ------
    InputError
        When the scheme was not imported or does not hold the code.
    """
    walk, code = _parse(choice)
    tax = taxonomy()
    return [
        Candidate(uri, label_of(uri), tax.isco_group(uri))
        for uri in walk.occupations(code, taxonomy=tax)
    ]


def occupation_uris(choice: str) -> list[str]:
    """The ESCO occupations a form choice stands for: itself, or those of a national code."""
    if not is_national(choice):
        return [choice]
    try:
        return [c.uri for c in candidates(choice)]
    except InputError:
        return []


def national_codes_of(occupation_uri: str) -> list[str]:
    """Every ``scheme:code`` covering an ESCO occupation: what reports show beside it."""
    tax = taxonomy()
    try:
        tax.isco_group(occupation_uri)
    except (KeyError, InputError):
        return []
    return [
        f"{walk.scheme}:{code}"
        for walk in crosswalks()
        for code in walk.codes_of(occupation_uri, taxonomy=tax)
    ]
