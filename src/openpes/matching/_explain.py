"""Plain-language reasons, short enough to read aloud to a job seeker, in five languages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from openpes.errors import InputError
from openpes.i18n import Language, LocalisedText, messages, translator
from openpes.taxonomy import Taxonomy

__all__ = ["as_row", "explain_suggestion", "explain_training", "skill_names"]

_ = messages("openpes.matching")


def as_row(row: Any, *, what: str) -> dict[str, Any]:
    """One record as a dict, from a mapping or a one-row frame."""
    if isinstance(row, pl.DataFrame):
        if row.height != 1:
            # No noun in English, but other languages agree with the count (fr: "2 reçues").
            got = _.ngettext(
                "one row was expected, got {n}", "one row was expected, got {n}", row.height
            )
            raise InputError(got.format(n=row.height), file=what)
        return row.row(0, named=True)
    if isinstance(row, Mapping):
        return dict(row)
    raise InputError(_("a row (mapping or one-row frame) was expected"), file=what)


def _taxonomy(taxonomy: Taxonomy | None) -> Taxonomy:
    return taxonomy if taxonomy is not None else Taxonomy.load()


def _label(taxonomy: Taxonomy, uri: str) -> str:
    try:
        return taxonomy.label(uri)
    except InputError:
        return uri


def skill_names(
    uris: Sequence[str], *, language: Language | str, taxonomy: Taxonomy, limit: int
) -> str:
    """``a, b and c`` (or ``a, b and 4 more``) with ESCO labels."""
    t = translator("openpes.matching", language)
    labels = [_label(taxonomy, u) for u in uris]
    if len(labels) > limit:
        rest = len(labels) - limit
        more = t.ngettext("{n} more", "{n} more", rest).format(n=rest)
        labels = [*labels[:limit], more]
    if len(labels) <= 1:
        return "".join(labels)
    return t.gettext("{items} and {last}").format(items=", ".join(labels[:-1]), last=labels[-1])


def explain_suggestion(
    row: Any,
    *,
    language: Language | str = "en",
    taxonomy: Taxonomy | None = None,
    max_skills: int = 3,
) -> list[str]:
    """Why a vacancy was suggested, as a few short sentences.

    Parameters
    ----------
    row:
        One row of :meth:`MatchIndex.suggest` (a mapping or a one-row frame).
    language:
        ``en``, ``fr``, ``de``, ``nl`` or ``es``.
    taxonomy:
        For skill and occupation labels; the bundled ESCO when omitted.
    max_skills:
        Skills named per sentence before "and N more".

    Examples
    --------
    >>> row = {"score": 0.72, "distance_km": 12.4, "matched_essential": [],
    ...        "missing_essential": [], "partial_matches": [], "occupation_match": "none",
    ...        "occupation_basis": None}
    >>> explain_suggestion(row)[-1]
    'It is 12 km from home.'
    """
    data = as_row(row, what="suggestion")
    tax = _taxonomy(taxonomy)
    t = LocalisedText("openpes.matching", language)
    _, ngettext = t.gettext, t.ngettext
    matched = list(data.get("matched_essential") or [])
    missing = list(data.get("missing_essential") or [])
    partial = list(data.get("partial_matches") or [])
    total = len(matched) + len(missing) + len(partial)
    sentences = [
        ngettext(
            "Match {score}: you have {held} of the {total} essential skill.",
            "Match {score}: you have {held} of the {total} essential skills.",
            total,
        ).format(score=t.percent(float(data["score"])), held=len(matched), total=total)
    ]
    relation_text = {
        "related": _("your skill “{held}” is related to “{required}”"),
        "broader": _("your skill “{held}” is a broader form of “{required}”"),
        "narrower": _("your skill “{held}” is a specific form of “{required}”"),
    }
    if partial:
        shown = [
            relation_text.get(p["relation"], relation_text["related"]).format(
                held=_label(tax, p["held"]), required=_label(tax, p["required"])
            )
            for p in partial[:max_skills]
        ]
        sentences.append(_("Counted in part: {details}.").format(details="; ".join(shown)))
    if missing:
        sentences.append(
            ngettext(
                "Missing essential skill: {skills}.",
                "Missing essential skills: {skills}.",
                len(missing),
            ).format(skills=skill_names(missing, language=language, taxonomy=tax, limit=max_skills))
        )
    match = str(data.get("occupation_match"))
    basis = str(data.get("occupation_basis"))
    occupation_text = {
        ("same_occupation", "experience"): _("It is the occupation you have worked in."),
        ("same_occupation", "preference"): _("It is the occupation you are looking for."),
        ("same_unit_group", "experience"): _("It is close to an occupation you have worked in."),
        ("same_unit_group", "preference"): _("It is close to an occupation you are looking for."),
        ("same_minor_group", "experience"): _(
            "It is in the same field as an occupation you have worked in."
        ),
        ("same_minor_group", "preference"): _(
            "It is in the same field as an occupation you are looking for."
        ),
        ("same_occupation", "skills"): _("It is the occupation your skills fit best."),
        ("same_unit_group", "skills"): _("It is close to the occupation your skills fit best."),
        ("same_minor_group", "skills"): _(
            "It is in the same field as the occupation your skills fit best."
        ),
    }
    if (match, basis) in occupation_text:
        sentences.append(occupation_text[(match, basis)])
    # "72 %" and "1 234 km" in French, "%72" in Turkish: the reader's own way of writing them.
    sentences.append(
        _("It is {km} km from home.").format(km=t.number(float(data["distance_km"]), 0))
    )
    return sentences


def explain_training(
    row: Any,
    *,
    language: Language | str = "en",
    taxonomy: Taxonomy | None = None,
    max_skills: int = 3,
) -> str:
    """One sentence on what a suggested training closes.

    Parameters
    ----------
    row:
        One row of :func:`suggest_trainings` (``title``, ``closes``, ``n_missing``).

    Examples
    --------
    >>> explain_training({"title": "Forklift basics", "closes": [], "n_missing": 2})
    '“Forklift basics” closes 0 of 2 missing essential skills.'
    """
    data = as_row(row, what="training")
    tax = _taxonomy(taxonomy)
    t = translator("openpes.matching", language)
    closes = list(data.get("closes") or [])
    total = int(data["n_missing"])
    if not closes:
        return t.ngettext(
            "“{title}” closes {n} of {m} missing essential skill.",
            "“{title}” closes {n} of {m} missing essential skills.",
            total,
        ).format(title=data["title"], n=0, m=total)
    return t.ngettext(
        "“{title}” closes {n} of {m} missing essential skill: {skills}.",
        "“{title}” closes {n} of {m} missing essential skills: {skills}.",
        total,
    ).format(
        title=data["title"],
        n=len(closes),
        m=total,
        skills=skill_names(closes, language=language, taxonomy=tax, limit=max_skills),
    )
