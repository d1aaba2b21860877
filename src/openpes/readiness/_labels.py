"""Translated labels the core generates: level names, horizons, efforts, positions."""

from __future__ import annotations

from collections.abc import Callable

from openpes.i18n import translator

__all__ = ["effort_name", "gettext", "horizon_name", "level_name", "position_name"]


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
