"""Reads: the imported national classifications and what their codes lead to.

A choice is written ``<scheme>:<code>`` (``KSCO-7:7212-01``) wherever a form offers a
national occupation beside ESCO ones; ESCO URIs never hold that form, since they start
with ``http``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.taxonomy import Crosswalk, crosswalk_schemes, load_crosswalk, with_national_codes
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
    return national_codes_map([occupation_uri])[occupation_uri]


def national_codes_map(occupation_uris: Iterable[str]) -> dict[str, list[str]]:
    """:func:`national_codes_of` for several occupations, reading each crosswalk once."""
    tax = taxonomy()
    walks = crosswalks()
    found: dict[str, list[str]] = {}
    for uri in occupation_uris:
        try:
            tax.isco_group(uri)
        except (KeyError, InputError):
            found[uri] = []
            continue
        found[uri] = [
            f"{walk.scheme}:{code}" for walk in walks for code in walk.codes_of(uri, taxonomy=tax)
        ]
    return found


def national_occupation(choice: str, occupation_uri: str = "") -> str:
    """The ESCO occupation chosen for a national code: ``occupation_uri`` if it is one of the
    code's candidates, or the only candidate when none is given.

    This is the one rule for every way in (the counsellor's form, the API, ``openpes import``).

    Raises
    ------
    InputError
        ``column`` names what is wrong: ``scheme`` (not imported), ``code`` (not in the
        scheme) or ``occupation_uri`` (not a candidate, or missing while several are).
    """
    scheme, _sep, code = choice.partition(":")
    if scheme not in crosswalk_schemes():
        raise InputError(
            _("the name of an imported national classification (%(schemes)s)")
            % {"schemes": ", ".join(crosswalk_schemes()) or "-"},
            column="scheme",
        )
    walk = load_crosswalk(scheme)
    if code not in walk.codes:
        raise InputError(
            _("a code of the %(scheme)s classification") % {"scheme": scheme}, column="code"
        )
    uris = [c.uri for c in candidates(choice)]
    if occupation_uri in uris or (not occupation_uri and len(uris) == 1):
        return occupation_uri or uris[0]
    if occupation_uri:
        message = _("one of the ESCO occupations of this national code: %(uris)s")
    else:
        message = _(
            "a choice (occupation_uri) among the ESCO occupations of this national code: %(uris)s"
        )
    raise InputError(message % {"uris": ", ".join(uris)}, column="occupation_uri")


def with_scheme_codes(
    frame: pl.DataFrame,
    scheme: str,
    *,
    column: str = "occupation_uri",
    one_per_row: bool = False,
) -> pl.DataFrame:
    """Add ``national_code``: the codes of one imported scheme covering each row's occupation.

    This is how monitor and report tables are read by national code. ``national_code`` is
    a list, since codes may share an ISCO-08 group (empty when none covers the occupation,
    or when the URI is unknown). With ``one_per_row`` the frame has one row per code
    instead, ``""`` where no code covers it, ready to group by; a row then counts under
    each of its codes.

    Raises
    ------
    InputError
        When the scheme was not imported or ``column`` is missing.
    """
    coded = with_national_codes(frame, load_crosswalk(scheme), column=column, taxonomy=taxonomy())
    if not one_per_row:
        return coded
    return coded.with_columns(
        national_code=pl.when(pl.col("national_code").list.len() > 0)
        .then(pl.col("national_code"))
        .otherwise(pl.lit([""], dtype=pl.List(pl.String())))
    ).explode("national_code")


def scheme_codes(occupation_uris: Iterable[str], scheme: str) -> list[list[str]]:
    """The codes of one imported scheme covering each occupation, in the order given."""
    frame = pl.DataFrame(
        {"occupation_uri": list(occupation_uris)}, schema={"occupation_uri": pl.String()}
    )
    return with_scheme_codes(frame, scheme)["national_code"].to_list()


def monitor_scheme() -> str | None:
    """The national scheme the oversight monitors report by, if any.

    ``OPENPES_NATIONAL_SCHEME`` names it; when unset and exactly one scheme is imported,
    that one is used; otherwise none.
    """
    from django.conf import settings

    named = getattr(settings, "OPENPES_NATIONAL_SCHEME", "")
    if named:
        return str(named)
    schemes = crosswalk_schemes()
    return schemes[0] if len(schemes) == 1 else None


def with_monitor_codes(frame: pl.DataFrame, *, column: str = "occupation") -> pl.DataFrame:
    """Add ``national_code`` (one text per person) for the monitors, when a scheme is in use.

    A person whose occupation falls under several codes of the scheme is reported under
    all of them written together (``7212 / 7213``), so that every person counts once.
    """
    scheme = monitor_scheme()
    if scheme is None or column not in frame.columns:
        return frame
    coded = with_scheme_codes(frame, scheme, column=column)
    return coded.with_columns(pl.col("national_code").list.sort().list.join(" / "))
