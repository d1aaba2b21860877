"""Translated names and sentences of the oversight report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpes.i18n import LocalisedText, translator
from openpes.oversight._results import MONITORS

__all__ = [
    "Texts",
    "metric_label",
    "monitor_intro",
    "monitor_label",
    "monitor_name",
    "monitor_names",
    "system_label",
    "verdict_label",
]

Gettext = Callable[[str], str]

#: Metrics shown as numbers rather than percentages.
NUMBER_METRICS = frozenset(
    {
        "auc",
        "brier",
        "ece",
        "psi",
        "score_within_occupation",
        "salary_within_occupation",
        "distance_km_within_occupation",
    }
)


class Texts(LocalisedText):
    """Gettext and number formatting of the oversight report in one language."""

    def __init__(self, language: str, *, codes: bool = False) -> None:
        super().__init__("openpes.oversight", language)
        #: Whether group and metric names carry their codes (the oversight officer's reports).
        self.codes = codes

    def value(self, metric: str, value: Any) -> str:
        if metric in NUMBER_METRICS:
            return self.number(value, 3)
        return self.percent(value, 1)

    def interval(self, metric: str, value: Any, low: Any, high: Any) -> str:
        if self._missing(value):
            return self.MISSING
        text = self.value(metric, value)
        if self._missing(low) or self._missing(high):
            return text
        return f"{text} ({self.value(metric, low)}–{self.value(metric, high)})"

    def count(self, value: Any) -> str:
        return self.number(value, 0)


def system_label(system: str, _: Gettext) -> str:
    """Name of an AI system."""
    labels = {
        "matching": _("Matching engine (vacancy suggestions)"),
        "support_needs": _("Support-needs model"),
    }
    return labels.get(system, system)


def monitor_label(monitor: str, _: Gettext) -> str:
    """Name of a monitor: the one list of these names, which the web's dashboard, its alert
    mail and the FRIA's reasons use too (they named the monitors differently before)."""
    labels = {
        "exposure": _("What each group is given"),
        "performance": _("How the model performs for each group"),
        "human_decisions": _("How counsellors decide"),
        "anchoring": _("Anchoring on the model's output"),
        "drift": _("Drift of the inputs"),
    }
    return labels.get(monitor, monitor)


def monitor_name(monitor: str, language: str = "en") -> str:
    """Name of a monitor in ``language``, as the oversight report names it (for the web's
    pages and for other documents that mention a monitor, such as the FRIA's flag reasons).

    Examples
    --------
    >>> monitor_name("drift"), monitor_name("not-a-monitor")
    ('Drift of the inputs', 'not-a-monitor')
    """
    return monitor_label(monitor, translator("openpes.oversight", language).gettext)


def monitor_names(language: str = "en") -> dict[str, str]:
    """Every monitor's name in ``language``, keyed as :data:`MONITORS` (for pages that
    name many, such as the web's dashboard).

    Examples
    --------
    >>> monitor_names()["human_decisions"]
    'How counsellors decide'
    """
    _ = translator("openpes.oversight", language).gettext
    return {monitor: monitor_label(monitor, _) for monitor in MONITORS}


def monitor_intro(monitor: str, _: Gettext) -> str:
    """What a monitor measures, in one paragraph."""
    intros = {
        "exposure": _(
            "How much of the system's output each group receives: for suggestions, their "
            "number and the share of strong matches, with mean score, salary and distance; "
            "for the support-needs model, the share of each band."
        ),
        "performance": _(
            "How well the model's high band picks out people who are not back in work "
            "within 12 months, per group: true and false positive rates, precision, "
            "accuracy, AUC, Brier score and calibration error."
        ),
        "human_decisions": _(
            "How counsellors act on the output, by group of job seeker: accept, adapt and "
            "reject rates of suggestions, and overrides of the model's band towards more or "
            "less support. Near-total agreement or decisions taken within seconds can be "
            "signs of rubber-stamping (automation bias, AI Act Art. 14(4)(b))."
        ),
        "anchoring": _(
            "Where the counsellor recorded their own band before seeing the model's and the "
            "two differed: the share of cases in which the final band moved towards the "
            "model's. A high share is direct evidence of anchoring on the model."
        ),
        "drift": _(
            "Population stability index of each input and output against the reference "
            "window (below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a major "
            "one), and the share of values never seen in the reference."
        ),
    }
    return intros.get(monitor, "")


def metric_label(metric: str, _: Gettext) -> str:
    """Plain-language name of a monitor metric."""
    labels = {
        "high_score_rate": _("share of strong matches"),
        "high_score_rate_within_occupation": _(
            "share of strong matches, among people with comparable occupations"
        ),
        "score_within_occupation": _("mean score, among people with comparable occupations"),
        "salary_within_occupation": _("mean salary, among people with comparable occupations"),
        "distance_km_within_occupation": _(
            "mean distance (km), among people with comparable occupations"
        ),
        "high_band_rate": _("share in the high support band"),
        "low_band_rate": _("share in the low support band"),
        "tpr": _("true positive rate"),
        "fpr": _("false positive rate"),
        "ppv": _("positive predictive value"),
        "accuracy": _("accuracy"),
        "auc": _("AUC"),
        "brier": _("Brier score"),
        "ece": _("calibration error"),
        "accept_rate": _("accepted"),
        "adapt_rate": _("adapted"),
        "reject_rate": _("rejected"),
        "override_rate": _("band overridden"),
        "more_support_rate": _("moved to more support"),
        "less_support_rate": _("moved to less support"),
        "agreement_rate": _("agreement with the model"),
        "fast_decision_rate": _("decided within seconds"),
        "anchoring_rate": _("moved towards the model"),
        "psi": _("population stability index"),
        "new_category_share": _("share of new categories"),
        "score": _("mean score"),
        "salary": _("mean salary"),
        "distance_km": _("mean distance (km)"),
    }
    return labels.get(metric, metric)


def verdict_label(verdict: str | None, _: Gettext) -> str:
    """A verdict in words; no verdict is a dash."""
    labels = {
        "pass": _("pass"),
        "warn": _("warning"),
        "fail": _("fail"),
        "insufficient": _("insufficient data"),
    }
    return labels.get(verdict or "", "—")
