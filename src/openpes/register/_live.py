"""The live facts as sentences, in the language of the register they are written into."""

from __future__ import annotations

from openpes.fairness import verdict_text
from openpes.i18n import LocalisedText, translator
from openpes.register._public import MIN_PUBLIC
from openpes.register._record import LiveFacts

__all__ = ["group_lines", "live_lines", "live_texts", "not_available", "percent"]


def percent(value: float | None, language: str) -> str:
    """A share as a percentage the way ``language`` writes it, a dash when unknown."""
    return LocalisedText("openpes.register", language).percent(value, 1)


def not_available(language: str) -> str:
    return translator("openpes.register", language).gettext("not available yet")


def live_texts(live: LiveFacts | None, language: str) -> dict[str, str]:
    """One sentence per live fact, keyed ``model``, ``training``, ``audit``, ``monitors``,
    ``alerts``, ``overrides``, ``reviews``, ``last_change``; "not available yet" for
    what is not known (all of them without live facts).

    Examples
    --------
    >>> live_texts(LiveFacts("2026-01-05", model_version="abc"), "en")["model"]
    'Model version: abc (SHA-256 not available yet).'
    """
    texts = translator("openpes.register", language)
    _ = texts.gettext
    na = not_available(language)
    live = live or LiveFacts(as_of="")
    if live.monitor_verdicts is None:
        verdicts = na
    else:
        verdicts = (
            ", ".join(
                f"{m.monitor}: {verdict_text(m.verdict, language)} ({m.checked})"
                for m in live.monitor_verdicts
            )
            or "-"
        )
    return {
        "model": _("Model version: {version} (SHA-256 {sha}).").format(
            version=live.model_version or na, sha=live.model_sha256 or na
        ),
        "training": _("Training data: {value}.").format(value=na)
        if live.training_rows is None
        else texts.ngettext(
            "Training data: {rows} row, period {period}.",
            "Training data: {rows} rows, period {period}.",
            live.training_rows,
        ).format(
            rows=live.training_rows,
            period=" – ".join(live.training_period) if live.training_period else na,
        ),
        "audit": _("Latest fairness audit: {date}, verdict {verdict}.").format(
            date=live.audit_date or na,
            verdict=verdict_text(live.audit_verdict, language) if live.audit_verdict else na,
        ),
        "monitors": _("Monitor verdicts: {value}.").format(value=verdicts),
        "alerts": _("Open alerts: {alerts}; pauses so far: {pauses}.").format(
            alerts=na if live.open_alerts is None else live.open_alerts,
            pauses=na if live.pauses is None else live.pauses,
        ),
        "overrides": _("Override rate: {value}.").format(value=na)
        if live.decisions is None
        else _("No decisions recorded yet.")
        if live.decisions == 0
        else texts.ngettext(
            "Override rate: not shown for fewer than {min} decision.",
            "Override rate: not shown for fewer than {min} decisions.",
            MIN_PUBLIC,
        ).format(min=MIN_PUBLIC)
        if live.rates_withheld
        else texts.ngettext(
            "Counsellors overrode the model in {rate} of {n} decision.",
            "Counsellors overrode the model in {rate} of {n} decisions.",
            live.decisions,
        ).format(rate=percent(live.override_rate, language), n=live.decisions),
        "reviews": _("Review rate: {value}.").format(value=na)
        if live.review_requests is None
        else texts.ngettext(
            "Review rate: not shown for fewer than {min} decision.",
            "Review rate: not shown for fewer than {min} decisions.",
            MIN_PUBLIC,
        ).format(min=MIN_PUBLIC)
        if live.rates_withheld
        else texts.ngettext(
            "People asked for a human review {n} time ({rate} of decisions).",
            "People asked for a human review {n} times ({rate} of decisions).",
            live.review_requests,
        ).format(n=live.review_requests, rate=percent(live.review_rate, language)),
        "last_change": _("Last change: {date}.").format(date=live.last_change or na),
    }


def live_lines(live: LiveFacts | None, language: str) -> list[str]:
    """The sentences of :func:`live_texts`, in order.

    Examples
    --------
    >>> len(live_lines(None, "en"))
    8
    """
    return list(live_texts(live, language).values())


def group_lines(live: LiveFacts | None, language: str) -> list[str]:
    """One sentence per audited group with its selection and error rates, and one saying
    how many groups were too small to publish (see :func:`public_live`).

    Examples
    --------
    >>> from openpes.register import GroupPerformance
    >>> group_lines(LiveFacts("2026-01-05", groups=(GroupPerformance("origin", "eu", 40),),
    ...     groups_withheld=2), "en")[1]
    'Groups of fewer than 10 people are not shown, to protect privacy (2 groups left out).'
    """
    texts = translator("openpes.register", language)
    _ = texts.gettext
    if live is None:
        return []
    # Two counts, two plurals: the rule's (10 people) and the groups left out (1 group).
    withheld = (
        [
            texts.ngettext(
                "Groups of fewer than {min} person are not shown, to protect privacy ({left_out}).",
                "Groups of fewer than {min} people are not shown, to protect privacy ({left_out}).",
                MIN_PUBLIC,
            ).format(
                min=MIN_PUBLIC,
                left_out=texts.ngettext(
                    "{n} group left out", "{n} groups left out", live.groups_withheld
                ).format(n=live.groups_withheld),
            )
        ]
        if live.groups_withheld
        else []
    )
    return [
        _(
            "{attribute} = {group} (n = {n}): selected {selection}, "
            "false positives {fpr}, false negatives {fnr}."
        ).format(
            attribute=g.attribute,
            group=g.group,
            n=g.n,
            selection=percent(g.selection_rate, language),
            fpr=percent(g.false_positive_rate, language),
            fnr=percent(g.false_negative_rate, language),
        )
        for g in live.groups
    ] + withheld
