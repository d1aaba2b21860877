"""Names people read for fairness groups, in their language.

Audits and monitors name a group by codes: an attribute (``sex``, or ``sex × age_group`` for
an intersection) and a value (``female``, ``female × 50 and over``, or a PES's raw ``F`` and
``50+``); the profiling report writes ``sex=female, age_band=50+``. These functions turn them
into words ("Women × Aged 50 and over"). A PES's own columns and values are not known here:
they are shown as written. The words live with fairness because oversight builds on it.

Where codes stay: JSON and CSV exports keep them (machines read them). Auditors and oversight
officers write references and policy files with the codes, so their reports show the words
followed by the codes in brackets, ``Women (sex=F)`` (``codes=True``); everyone else sees the
words only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpes.fairness._groups import OVERALL
from openpes.i18n import translator

__all__ = [
    "attribute_label",
    "describe_group",
    "group_code",
    "group_label",
    "grouping_label",
    "pairs_label",
]

Gettext = Callable[[str], str]

#: Columns that hold the same attribute under another name.
_SAME = {"age_band": "age_group", "gender": "sex"}
_YES = frozenset({"true", "yes", "1"})
_NO = frozenset({"false", "no", "0"})


def attribute_label(attribute: str, _: Gettext) -> str:
    """The attribute's name in words; an unknown column as written."""
    labels = {
        "sex": _("Sex"),
        "age_group": _("Age group"),
        "age": _("Age"),
        "origin": _("Origin"),
        "nationality": _("Nationality"),
        "disability": _("Disability"),
        "care_duties": _("Care duties"),
    }
    return labels.get(_SAME.get(attribute, attribute), attribute)


def _phrase(attribute: str, value: str, _: Gettext) -> str | None:
    # A known value reads as a group of people ("Women"), not as "Sex: female".
    key = value.strip().lower()
    flag = "yes" if key in _YES else "no" if key in _NO else None
    phrases: dict[str, dict[str | None, str]] = {
        "sex": {
            "female": _("Women"),
            "f": _("Women"),
            "male": _("Men"),
            "m": _("Men"),
        },
        "age_group": {
            "under 25": _("Under 25"),
            "<25": _("Under 25"),
            "25-49": _("Aged 25 to 49"),
            "50 and over": _("Aged 50 and over"),
            "50+": _("Aged 50 and over"),
        },
        "origin": {
            "national": _("National origin"),
            "eu": _("Other EU origin"),
            "non_eu": _("Non-EU origin"),
            "non-eu": _("Non-EU origin"),
        },
    }
    if attribute == "disability":
        return {"yes": _("With a disability"), "no": _("Without a disability")}.get(flag or "")
    if attribute == "care_duties":
        return {"yes": _("With care duties"), "no": _("Without care duties")}.get(flag or "")
    return phrases.get(attribute, {}).get(key)


def _value(attribute: str, value: str, _: Gettext) -> str:
    known = _SAME.get(attribute, attribute)
    phrase = _phrase(known, value, _)
    if phrase is not None:
        return phrase
    name = attribute_label(attribute, _)
    key = value.strip().lower()
    if value == "(missing)":
        shown = _("not recorded")
    elif key in _YES:
        shown = _("yes")
    elif key in _NO:
        shown = _("no")
    else:
        shown = value
    return _("{attribute}: {value}").format(attribute=name, value=shown)


def _pairs(attribute: str, group: str) -> list[tuple[str, str]] | None:
    """The (attribute, value) codes of a group; None when the two do not line up."""
    if "=" in group:
        # The profiling report's ``sex=female, age_band=50+`` (the fairness export's uses "; ").
        parts = [p for chunk in group.split("; ") for p in chunk.split(", ")]
        pairs = [tuple(p.split("=", 1)) for p in parts]
        return (
            [(a.strip(), v.strip()) for a, v in pairs] if all(len(p) == 2 for p in pairs) else None
        )
    names, values = attribute.split(" × "), group.split(" × ")
    return list(zip(names, values, strict=True)) if len(names) == len(values) else None


def _codes(pairs: Sequence[tuple[str, str]]) -> str:
    return " × ".join(f"{a}={v}" for a, v in pairs) if pairs else OVERALL


def pairs_label(pairs: Sequence[tuple[str, str]], _: Gettext, *, codes: bool = False) -> str:
    """A group given as its (attribute, value) codes in words, "Everyone" for none; with
    ``codes``, followed by them: ``Women × Aged 50 and over (sex=F × age_band=50+)``."""
    words = " × ".join(_value(a, v, _) for a, v in pairs) if pairs else _("Everyone")
    # Plain brackets: the reports are also Markdown, which has no quieter type.
    return f"{words} ({_codes(pairs)})" if codes else words


def group_code(attribute: str, group: str) -> str:
    """The group as the codes a policy author writes: ``sex=female × age_group=50 and over``,
    or ``overall``.

    Examples
    --------
    >>> group_code("sex × age_group", "female × 50 and over")
    'sex=female × age_group=50 and over'
    """
    if OVERALL in (attribute, group):
        return OVERALL
    pairs = _pairs(attribute, group)
    return f"{attribute}={group}" if pairs is None else _codes(pairs)


def group_label(attribute: str, group: str, _: Gettext, *, codes: bool = False) -> str:
    """``Women × Aged 50 and over`` for ``sex × age_group`` = ``female × 50 and over``; with
    ``codes``, followed by ``(sex=female × age_group=50 and over)``."""
    if OVERALL in (attribute, group):
        return pairs_label([], _, codes=codes)
    pairs = _pairs(attribute, group)
    if pairs is None:
        return f"{attribute}: {group}"
    return pairs_label(pairs, _, codes=codes)


def grouping_label(grouping: str, _: Gettext, *, codes: bool = False) -> str:
    """A grouping's attributes in words, ``Sex × Age group``, "Everyone" for ``overall``;
    with ``codes``, followed by ``(sex × age_band)``."""
    if grouping == OVERALL:
        return _("Everyone")
    words = " × ".join(attribute_label(a, _) for a in grouping.split(" × "))
    return f"{words} ({grouping})" if codes and words != grouping else words


def describe_group(attribute: str, group: str, language: str = "en", *, codes: bool = False) -> str:
    """A group in words, in ``language``; see the module's docstring for ``codes``.

    Examples
    --------
    >>> describe_group("sex × age_group", "female × 50 and over", "fr")
    'Femmes × 50 ans et plus'
    >>> describe_group("sex × age_band", "F × 50+", codes=True)
    'Women × Aged 50 and over (sex=F × age_band=50+)'
    >>> describe_group("overall", "overall"), describe_group("region", "north")
    ('Everyone', 'region: north')
    """
    return group_label(
        attribute, group, translator("openpes.fairness", language).gettext, codes=codes
    )
