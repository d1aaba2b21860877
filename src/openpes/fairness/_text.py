"""Translated words and sentences of the fairness report (built by ``_report``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from openpes.fairness._audit import Audit
from openpes.fairness._labels import pairs_label
from openpes.i18n import LocalisedText, translator

__all__ = [
    "Texts",
    "group_name",
    "metric_label",
    "metric_text",
    "summary_sentences",
    "texts",
    "verdict_label",
    "verdict_text",
]

Gettext = Callable[[str], str]
_SEVERITY = {"fail": 0, "warn": 1, "insufficient": 2, "pass": 3}


class Texts(LocalisedText):
    """Number formatting and gettext for one language."""

    def __init__(self, language: str) -> None:
        super().__init__("openpes.fairness", language)

    def count(self, value: Any) -> str:
        if value is None:
            return self.MISSING
        digits = 0 if float(value).is_integer() else 1
        return self.number(value, digits)

    def percent(self, value: Any, digits: int = 1) -> str:
        return super().percent(value, digits)

    @staticmethod
    def plural(value: Any) -> int:
        """The whole number that picks a plural form for a count that may be weighted.

        gettext's plural rules read whole numbers only; a fraction (a weighted count such
        as 12.5) takes the plural form, as it does in most of our languages.

        Examples
        --------
        >>> Texts.plural(1), Texts.plural(1.0), Texts.plural(12.5)
        (1, 1, 2)
        """
        number = float(value)
        return int(number) if number.is_integer() else 2


def texts(language: str) -> Texts:
    return Texts(language)


def metric_label(metric: str, _: Gettext) -> str:
    """Plain-language name of a metric."""
    labels = {
        "base_rate": _("base rate (share with a positive outcome)"),
        "selection_rate": _("selection rate (share with a positive decision)"),
        "tpr": _("true positive rate"),
        "fpr": _("false positive rate"),
        "fnr": _("false negative rate"),
        "tnr": _("true negative rate"),
        "ppv": _("positive predictive value"),
        "npv": _("negative predictive value"),
        "fdr": _("false discovery rate"),
        "for": _("false omission rate"),
        "accuracy": _("accuracy"),
        "auc": _("area under the ROC curve"),
        "brier": _("Brier score"),
        "ece": _("expected calibration error (10 bins)"),
    }
    return labels[metric]


def metric_text(metric: str, language: str = "en") -> str:
    """A metric's name in ``language``, as the report writes it, for callers outside the
    report (the oversight pages and reports); raises KeyError for a metric it does not know.

    Examples
    --------
    >>> metric_text("selection_rate")
    'selection rate (share with a positive decision)'
    """
    return metric_label(metric, translator("openpes.fairness", language).gettext)


def verdict_label(verdict: str, _: Gettext) -> str:
    labels = {
        "pass": _("pass"),
        "warn": _("warn"),
        "fail": _("fail"),
        "insufficient": _("insufficient"),
    }
    return labels[verdict]


def verdict_text(verdict: str | None, language: str = "en") -> str:
    """An audit's verdict (pass, warn, fail, insufficient) in ``language``, as its report
    writes it: for callers outside the report, such as the CLI's closing line and the model
    card. ``None`` (no audit: the data had no protected attribute) is "—"; a verdict this
    version does not know is shown as written."""
    if verdict is None:
        return LocalisedText.MISSING
    if verdict not in _SEVERITY:
        return verdict
    return verdict_label(verdict, translator("openpes.fairness", language).gettext)


def group_name(attributes: dict[str, Any] | None, _: Gettext, *, codes: bool = True) -> str:
    """An audit's group (its row's struct of attribute values, null for attributes outside
    its grouping) in words, followed by the codes the auditor writes in ``--reference``:
    ``Women × Aged 50 and over (sex=F × age_band=50+)``, ``Everyone (overall)``.

    Examples
    --------
    >>> from openpes.i18n import translator
    >>> group_name({"sex": "F", "age_band": None}, translator("openpes.fairness", "fr").gettext)
    'Femmes (sex=F)'
    """
    pairs = [(k, str(v)) for k, v in (attributes or {}).items() if v is not None]
    return pairs_label(pairs, _, codes=codes)


def _sentence(metric: str, _: Gettext) -> str:
    sentences = {
        "base_rate": _(
            "The group {group} had a positive outcome {ratio} times as often as {reference} "
            "(95% CI {low}–{high})."
        ),
        "selection_rate": _(
            "The group {group} received a positive decision {ratio} times as often as "
            "{reference} (95% CI {low}–{high})."
        ),
        "tpr": _(
            "Among people with a positive outcome, the group {group} received a positive "
            "decision {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "fpr": _(
            "Among people with a negative outcome, the group {group} received a positive "
            "decision {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "fnr": _(
            "Among people with a positive outcome, the group {group} received a negative "
            "decision {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "tnr": _(
            "Among people with a negative outcome, the group {group} received a negative "
            "decision {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "ppv": _(
            "Among people who received a positive decision, the group {group} had a positive "
            "outcome {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "fdr": _(
            "Among people who received a positive decision, the group {group} had a negative "
            "outcome {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "npv": _(
            "Among people who received a negative decision, the group {group} had a negative "
            "outcome {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "for": _(
            "Among people who received a negative decision, the group {group} had a positive "
            "outcome {ratio} times as often as {reference} (95% CI {low}–{high})."
        ),
        "accuracy": _(
            "The decision matched the outcome for the group {group} {ratio} times as often as "
            "for {reference} (95% CI {low}–{high})."
        ),
    }
    return sentences[metric]


def summary_sentences(result: Audit, t: Texts, *, limit: int = 5) -> list[str]:
    """Plain-language sentences about the most serious disparities (fail, then warn)."""
    _ = t.gettext
    rows = [
        r
        for r in result.disparities.iter_rows(named=True)
        if r["verdict"] in ("fail", "warn") and r["ratio"] is not None
    ]
    rows.sort(key=lambda r: (_SEVERITY[r["verdict"]], -abs(math.log(max(r["ratio"], 1e-9)))))
    out = []
    for row in rows[:limit]:
        if result.reference == "overall":
            reference = _("the population as a whole")
        else:
            reference = _("the group {group}").format(group=group_name(row["reference"], _))
        out.append(
            _sentence(row["metric"], _).format(
                group=group_name(row["attributes"], _),
                reference=reference,
                ratio=t.number(row["ratio"], 1),
                low=t.number(row["ratio_ci_low"], 1),
                high=t.number(row["ratio_ci_high"], 1),
            )
        )
    return out


def verdict_counts(result: Audit) -> dict[str, int]:
    counts = {"fail": 0, "warn": 0, "insufficient": 0, "pass": 0}
    for v in result.disparities["verdict"].to_list():
        counts[v] += 1
    return counts


def verdict_sentence(result: Audit, t: Texts) -> str:
    _ = t.gettext
    c = verdict_counts(result)
    total = sum(c.values())
    # One plural per count: the total's in the sentence, each verdict's in its own part.
    # English verbs do not change with the count; French, Spanish and Latvian ones do.
    parts = {
        "fail": t.ngettext(
            "{n} failed (the bound is crossed and the difference is statistically significant)",
            "{n} failed (the bound is crossed and the difference is statistically significant)",
            c["fail"],
        ).format(n=c["fail"]),
        "warn": t.ngettext(
            "{n} crossed a bound without being significant",
            "{n} crossed a bound without being significant",
            c["warn"],
        ).format(n=c["warn"]),
        "insufficient": t.ngettext(
            "{n} could not be judged because the groups are too small",
            "{n} could not be judged because the groups are too small",
            c["insufficient"],
        ).format(n=c["insufficient"]),
        "passed": t.ngettext("{n} passed", "{n} passed", c["pass"]).format(n=c["pass"]),
    }
    return t.ngettext(
        "Overall verdict: {verdict}. Of {n} comparison, {fail}, {warn}, {insufficient}, and "
        "{passed}.",
        "Overall verdict: {verdict}. Of {n} comparisons, {fail}, {warn}, {insufficient}, and "
        "{passed}.",
        total,
    ).format(
        verdict=verdict_label(result.verdict, _),
        n=total,
        **parts,
    )


def methods_paragraphs(result: Audit, t: Texts) -> list[str]:
    """The methods and caveats section, in plain language."""
    _ = t.gettext
    policy = result.policy
    correction = (
        _("Holm's method, which controls the chance of any false alarm")
        if policy.correction == "holm"
        else _("the Benjamini–Hochberg method, which controls the share of false alarms")
    )
    return [
        _(
            "Each rate comes with a 95% Wilson score interval. Differences between a group and "
            "its reference use Newcombe's hybrid score interval, and ratios use Katz's log "
            "interval."
        ),
        _(
            "Each comparison is tested on the people the metric is about: people with a "
            "negative outcome for the false positive rate, people with a positive outcome for "
            "the true positive rate, people with a positive decision for the positive "
            "predictive value. The test is a two-proportion z-test, or Fisher's exact test "
            "when a group is small."
        ),
        _(
            "Because many comparisons are made at once, the p-values are adjusted with "
            "{correction}. A comparison fails only if it crosses the policy's bound and the "
            "adjusted p-value is below {alpha}."
        ).format(correction=correction, alpha=t.number(policy.alpha, 2)),
        _(
            "For each comparison we report the smallest difference the data could detect "
            "with 80% power. When that is larger than the difference the policy cares about, "
            "the verdict is insufficient: a small group that shows no significant difference "
            "has not been shown to be treated fairly."
        ),
        t.ngettext(
            "Groups with fewer than {size} person are suppressed: their numbers are not "
            "shown, to protect privacy. Missing values of a protected attribute form their "
            "own group, (missing).",
            "Groups with fewer than {size} people are suppressed: their numbers are not "
            "shown, to protect privacy. Missing values of a protected attribute form their "
            "own group, (missing).",
            policy.min_group_size,
        ).format(size=policy.min_group_size),
        _(
            "Caveats: the audit compares groups; it does not explain why they differ, and "
            "it cannot see groups that are not recorded in the data. Several fairness "
            "criteria cannot all hold at once when base rates differ between groups, so a "
            "person must weigh the results. Numbers of suppressed groups can sometimes be "
            "worked out by subtraction from larger groups."
        ),
    ]
