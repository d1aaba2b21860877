"""Translated labels the core generates: level names, horizons, efforts, positions, titles."""

from __future__ import annotations

from collections.abc import Callable

from openpes.i18n import translator
from openpes.readiness._benchmark import OVERALL
from openpes.readiness._framework import Framework, localise
from openpes.readiness._scoring import Result

__all__ = [
    "dimension_title",
    "effort_name",
    "gettext",
    "horizon_name",
    "level_name",
    "level_sentence",
    "position_name",
]


def gettext(language: str) -> Callable[[str], str]:
    """The gettext function of ``openpes.readiness`` for one language."""
    return translator("openpes.readiness", language).gettext


def level_name(level: int, language: str = "en") -> str:
    """The name of an overall maturity level 1-5.

    Examples
    --------
    >>> level_name(3, "en")
    'established'
    """
    _ = gettext(language)
    names = {
        1: _("nascent"),
        2: _("emerging"),
        3: _("established"),
        4: _("advanced"),
        5: _("leading"),
    }
    return names[level]


def horizon_name(horizon: str, language: str = "en") -> str:
    """The label of a roadmap horizon.

    Examples
    --------
    >>> horizon_name("6-18", "en")
    '6 to 18 months'
    """
    _ = gettext(language)
    names = {
        "0-6": _("0 to 6 months"),
        "6-18": _("6 to 18 months"),
        "18-36": _("18 to 36 months"),
    }
    return names[horizon]


def effort_name(effort: str, language: str = "en") -> str:
    """The label of an action's effort (S, M, L).

    Examples
    --------
    >>> effort_name("L", "en")
    'large'
    """
    _ = gettext(language)
    names = {"S": _("small"), "M": _("medium"), "L": _("large")}
    return names[effort]


def position_name(position: str, language: str = "en") -> str:
    """Where an organisation stands among its peers.

    Examples
    --------
    >>> position_name("top_quarter", "en")
    'top quarter'
    """
    _ = gettext(language)
    names = {
        "bottom_quarter": _("bottom quarter"),
        "lower_middle": _("below the median"),
        "upper_middle": _("above the median"),
        "top_quarter": _("top quarter"),
    }
    return names[position]


def dimension_title(framework: Framework, dimension_id: str, language: str) -> str:
    """A dimension's title, or the translated word "overall".

    Examples
    --------
    >>> from openpes.readiness import load_framework
    >>> dimension_title(load_framework(), "overall", "fr")
    'Global'
    """
    if dimension_id == OVERALL:
        _ = gettext(language)
        return _("Overall")
    return localise(framework.dimension(dimension_id).title, language)


def level_sentence(result: Result, language: str) -> str:
    """The maturity level in words, with its range when "don't know" answers leave one.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> level_sentence(score(demo_organisations()[0]), "en").startswith("Maturity level")
    True
    """
    _ = gettext(language)
    name = level_name(result.level, language)
    if result.level_low == result.level_high:
        return _("Maturity level {level} of 5: {name}.").format(level=result.level, name=name)
    return _("Maturity level {level} of 5: {name} (could be {low} to {high}).").format(
        level=result.level, name=name, low=result.level_low, high=result.level_high
    )
