"""Translated words and sentences shared by assessments and the model card."""

from __future__ import annotations

from typing import Any

from openpes.i18n import LocalisedText
from openpes.profiling._features import feature_label

__all__ = ["Texts", "model_kind_label"]


#: Features that are shares (0 to 1): they are written as percentages.
SHARE_FEATURES = frozenset({"region_unemployment_rate"})


class Texts(LocalisedText):
    """Gettext and number formatting for one language, with the profiling sentences."""

    def __init__(self, language: str) -> None:
        super().__init__("openpes.profiling", language)

    def feature(self, name: str) -> str:
        return feature_label(name, self.language)

    def value(self, value: Any, feature: str | None = None) -> str:
        _ = self.gettext
        if value is None:
            return _("not recorded")
        if feature in SHARE_FEATURES and isinstance(value, int | float):
            # A rate of 0.058 reads as "5.8%" (in the reader's own way of writing it).
            return self.percent(value, 1)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, int):
            return self.number(value, 0)
        if isinstance(value, float):
            value = value + 0.0  # no "-0" for a sum that rounds to zero
            return self.number(value, 0 if value.is_integer() else (3 if abs(value) < 1 else 1))
        return self.category(str(value))

    def category(self, value: str) -> str:
        _ = self.gettext
        known = {
            "true": _("yes"),
            "false": _("no"),
            "full_time": _("full time"),
            "part_time": _("part time"),
            "any": _("any"),
            "permanent": _("permanent"),
            "temporary": _("temporary"),
        }
        return known.get(value, value)

    def band(self, band: str) -> str:
        _ = self.gettext
        return {"low": _("low need"), "medium": _("medium need"), "high": _("high need")}[band]

    def model_kind(self, kind: str) -> str:
        _ = self.gettext
        return {
            "ebm": _("Explainable Boosting Machine (glass box, additive)"),
            "scorecard": _("binned logistic scorecard (glass box, additive)"),
            "lightgbm": _("LightGBM gradient-boosted trees (BLACK BOX, for comparison only)"),
        }[kind]

    def purpose(self) -> str:
        _ = self.gettext
        return _(
            "This assessment estimates how likely it is that a job seeker is not back in work "
            "within 12 months, so that more support can be offered earlier. It is never used "
            "to deny or reduce a service. The counsellor decides."
        )

    def factor(self, name: str, value: Any, contribution: float) -> str:
        _ = self.gettext
        if contribution == 0 and value is None:
            # A value the model never saw missing in training: it is left out, not guessed.
            return _("{feature}: not recorded, so it does not count").format(
                feature=self.feature(name)
            )
        if contribution > 0:
            template = _("{feature}: {value} raises the estimated need for support")
        elif contribution < 0:
            template = _("{feature}: {value} lowers the estimated need for support")
        else:
            template = _("{feature}: {value} does not change the estimated need for support")
        return template.format(feature=self.feature(name), value=self.value(value, name))

    def missing(self, names: list[str]) -> str:
        """What the counsellor must know: these inputs were not recorded for the person."""
        if not names:
            return ""
        _ = self.gettext
        return _("Not recorded for this person, so unknown to the model: {features}.").format(
            features=", ".join(self.feature(name) for name in names)
        )

    def change(self, feature: str, current: Any, proposed: Any) -> str:
        _ = self.gettext
        if feature == "driving_licence" and proposed is True:
            return _("getting a driving licence")
        if feature == "speaks_national_language" and proposed is True:
            return _("completing a course in the national language")
        if feature == "preferred_hours" and proposed == "any":
            return _("being open to both full-time and part-time work")
        if feature == "preferred_contract" and proposed == "any":
            return _("being open to both permanent and temporary contracts")
        if (
            isinstance(current, int | float)
            and isinstance(proposed, int | float)
            and not isinstance(proposed, bool)
        ):
            difference = proposed - current
            step = self.value(difference)
            if feature == "max_distance_km":
                return _("being able to travel {step} km further").format(step=step)
            # Languages, skills and levels are counted in whole steps; the count chooses
            # the plural form ("1 more language", "2 more languages"). Another difference
            # has no plural form to choose and is written as the plain change below.
            count = _whole(difference)
            if count is not None:
                if feature == "n_languages":
                    return self.ngettext(
                        "learning {step} more language", "learning {step} more languages", count
                    ).format(step=step)
                if feature == "n_skills":
                    return self.ngettext(
                        "gaining {step} more skill, for example through a training course",
                        "gaining {step} more skills, for example through a training course",
                        count,
                    ).format(step=step)
                if feature == "isced":
                    return self.ngettext(
                        "completing {step} more level of education",
                        "completing {step} more levels of education",
                        count,
                    ).format(step=step)
        return _("{feature} from {current} to {proposed}").format(
            feature=self.feature(feature),
            current=self.value(current, feature),
            proposed=self.value(proposed, feature),
        )

    def recourse(self, phrases: list[str], band: str) -> str:
        _ = self.gettext
        return _("What could help: {changes}. The assessment would then be: {band}.").format(
            changes=_(" and ").join(phrases), band=self.band(band)
        )


def _whole(value: float) -> int | None:
    """``value`` as an ``int`` when it is a whole number (gettext counts in whole numbers)."""
    if isinstance(value, int):
        return value
    return int(value) if float(value).is_integer() else None


def model_kind_label(kind: str, language: str = "en") -> str:
    """Plain-language name of a model kind (``ebm``, ``scorecard``, ``lightgbm``).

    Examples
    --------
    >>> model_kind_label("scorecard")
    'binned logistic scorecard (glass box, additive)'
    """
    return Texts(language).model_kind(kind)
