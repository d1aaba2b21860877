"""Vacancies that come with free text only: their skills, and occupation, found in the text.

An employer's feed often has a title and a description, not ESCO URIs. A vacancy row with
no ``essential_skills`` and a ``description`` gets the skills ``Taxonomy.extract_skills``
finds in it: the confident ones (and skills whose label is written in the text) as
essential, the rest as optional; with no confident one, the best one found is essential. A
row with no ``occupation_uri`` takes the occupation its title names, but only when the title
is an ESCO occupation label or synonym: a loose match ("Senior Python developer" → *IoT
developer*) would mislead the matching, so it is refused with the closest occupation named,
for the feed to give the URI.
The description itself is not stored; the skills found in it are, under a digest of the
text (``TextSkills``), so that a feed that resends a description does not pay for its
extraction again.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import polars as pl
from django.utils.translation import gettext as _

import openpes
from openpes.web.caseload.taxonomy import local_taxonomy
from openpes.web.catalogue.models import TextSkills

if TYPE_CHECKING:
    from openpes.web.interchange.validate import Problem

#: A found skill at or above this confidence (about the chance it is right) is essential.
ESSENTIAL_CONFIDENCE = 0.6
#: An occupation search score from this one is a label or synonym of the occupation
#: written out (docs/taxonomy.md); below it, the title only resembles one.
OCCUPATION_NAMED = 90.0


#: Part of each description's digest: change it when the split into essential and optional
#: changes, so that descriptions seen before are read afresh.
RECIPE = "essential>=0.6|label|best;2"


def _digests(texts: list[str]) -> list[str]:
    """Each text under the taxonomy, retrieval and code that would read it (see TextSkills)."""
    if not texts:
        return []  # no retriever built for a file that gives its skills
    tax = local_taxonomy()
    context = [RECIPE, openpes.__version__, tax.version, tax.language, tax.semantic]
    return [hashlib.sha256(json.dumps([*context, t]).encode()).hexdigest() for t in texts]


def _stored(digests: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    """The skills already found in these texts: one query per thousand, not one per row."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for start in range(0, len(digests), 1000):
        rows = TextSkills.objects.filter(digest__in=digests[start : start + 1000])
        for digest, essential, optional in rows.values_list(
            "digest", "essential_skills", "optional_skills"
        ):
            found[digest] = (list(essential), list(optional))
    return found


def _read(text: str, digest: str) -> tuple[list[str], list[str]]:
    """Essential and optional skills found in a text not read before (stored if any)."""
    essential: list[str] = []
    optional: list[str] = []
    for hit in local_taxonomy().extract_skills(text):
        if hit.source == "label" or hit.score >= ESSENTIAL_CONFIDENCE:
            essential.append(hit.uri)
        else:
            optional.append(hit.uri)
    if not essential and optional:
        # Most real sentences score below 0.6 on their right skill ("You will load and unload
        # lorries" finds *perform loading and unloading operations* at 0.28), and refusing
        # them refused a third of real five-sentence descriptions: the best one found (hits
        # come best first) is essential, the feed can still send essential_skills.
        essential, optional = optional[:1], optional[1:]
    if essential:
        # Another import may have stored the same text meanwhile: theirs is as good.
        TextSkills.objects.get_or_create(
            digest=digest, defaults={"essential_skills": essential, "optional_skills": optional}
        )
    return essential, optional


def vacancies_from_text(
    typed: pl.DataFrame, problem: type[Problem], *, file: str, limit: int
) -> tuple[pl.DataFrame, list[Problem]]:
    """``typed`` with skills and occupations filled in from the text, and what could not be."""
    essential = typed["essential_skills"].to_list()
    optional = typed["optional_skills"].to_list()
    occupations = typed["occupation_uri"].to_list()
    problems: list[Problem] = []
    searched: dict[str, list[Any]] = {}
    texts = [(d or "").strip() for d in typed["description"].to_list()]
    to_read = [i for i, text in enumerate(texts) if text and not essential[i]]
    digests = dict(zip(to_read, _digests([texts[i] for i in to_read]), strict=True))
    known = _stored(list(digests.values()))
    for i, title in enumerate(typed["title"].to_list()):
        if len(problems) >= limit:
            break
        if i in digests:
            text, digest = texts[i], digests[i]
            if digest not in known:
                # Kept for a row further down with the same text.
                known[digest] = _read(text, digest)
            essential[i], found = known[digest]
            given = optional[i] or []
            optional[i] = [u for u in dict.fromkeys([*given, *found]) if u not in essential[i]]
            if not essential[i]:
                problems.append(
                    problem(
                        file,
                        i + 1,
                        "description",
                        text[:80],
                        _("a text that names at least one ESCO skill, or essential_skills"),
                    )
                )
        if not occupations[i]:
            # A feed repeats its titles ("Warehouse worker"): each is searched once.
            name = title or ""
            if name not in searched:
                searched[name] = local_taxonomy().search(name, kind="occupation", limit=1)
            hits = searched[name]
            if hits and hits[0].score >= OCCUPATION_NAMED:
                occupations[i] = hits[0].uri
            else:
                closest = (
                    _("the closest is “%(label)s”, %(uri)s")
                    % {"label": hits[0].label, "uri": hits[0].uri}
                    if hits
                    else _("no occupation resembles it")
                )
                problems.append(
                    problem(
                        file,
                        i + 1,
                        "occupation_uri",
                        title or "",
                        _(
                            "the URI of an ESCO occupation, or a title that is an ESCO "
                            "occupation's name (%(closest)s)"
                        )
                        % {"closest": closest},
                    )
                )
    filled = typed.with_columns(
        pl.Series("essential_skills", essential, dtype=pl.List(pl.String)),
        pl.Series("optional_skills", optional, dtype=pl.List(pl.String)),
        pl.Series("occupation_uri", occupations, dtype=pl.String),
    )
    return filled.drop("description"), problems
