"""The audit as one report document, rendered by the one report layer.

:func:`audit_document` builds an :class:`openpes.reports.Document` from an audit (the
sentences come from ``_text``); :func:`to_html` and :func:`to_markdown` are that
document rendered by :mod:`openpes.reports`, so both formats always show the same content.
"""

from __future__ import annotations

from typing import Any

from openpes import reports
from openpes.fairness._audit import Audit
from openpes.fairness._labels import grouping_label
from openpes.fairness._metrics import CELLS, RATE_METRICS, SCORE_METRICS
from openpes.fairness._text import (
    Texts,
    group_name,
    methods_paragraphs,
    metric_label,
    summary_sentences,
    verdict_label,
    verdict_sentence,
)
from openpes.i18n import Language
from openpes.reports import (
    Bar,
    Block,
    BulletList,
    Cell,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

__all__ = ["audit_document", "to_html", "to_markdown"]

_ORDER = {"fail": 0, "warn": 1, "insufficient": 2, "pass": 3}


def _summary(result: Audit, t: Texts) -> Section:
    _ = t.gettext
    sentences = summary_sentences(result, t)
    findings = (
        BulletList(tuple(sentences))
        if sentences
        else Paragraph(_("No comparison crossed a bound of the policy."))
    )
    return Section(
        _("Summary"),
        (Paragraph(verdict_sentence(result, t), tone=result.verdict), findings),
        id="summary",
    )


def _comparisons(result: Audit, t: Texts) -> Section:
    _ = t.gettext
    rows: list[tuple[Cell | str, ...]] = []
    # Worst first: the reader looks for the failures.
    for r in sorted(result.disparities.iter_rows(named=True), key=lambda r: _ORDER[r["verdict"]]):
        reference = (
            _("everyone else") if result.reference == "overall" else group_name(r["reference"], _)
        )
        rows.append(
            (
                group_name(r["attributes"], _),
                reference,
                metric_label(r["metric"], _),
                Cell(t.number(r["ratio"]), numeric=True),
                Cell(
                    f"{t.number(r['ratio_ci_low'])} – {t.number(r['ratio_ci_high'])}",
                    numeric=True,
                ),
                Cell(t.number(r["difference"], 3), numeric=True),
                Cell(
                    f"{t.number(r['difference_ci_low'], 3)} – "
                    f"{t.number(r['difference_ci_high'], 3)}",
                    numeric=True,
                ),
                Cell(t.number(r["p_adjusted"], 4), numeric=True),
                Cell(t.number(r["min_detectable_difference"], 3), numeric=True),
                Cell(verdict_label(r["verdict"], _), tone=r["verdict"]),
            )
        )
    header = (
        _("group"),
        _("reference"),
        _("metric"),
        _("ratio"),
        _("95% interval of the ratio"),
        _("difference"),
        _("95% interval of the difference"),
        _("adjusted p-value"),
        _("smallest detectable difference"),
        _("verdict"),
    )
    table = Table(_("Every group compared with its reference"), header, tuple(rows))
    return Section(_("Comparisons"), (table,), id="disparities")


def _chart(title: str, rows: list[dict[str, Any]], metric: str, t: Texts) -> Figure:
    """A bar chart of one metric over one grouping, with its data table."""
    _ = t.gettext
    # Bars are named in words only, as the oversight report's charts: the tables carry codes.
    bars = [
        Bar(
            group_name(r["attributes"], _, codes=False),
            r[metric],
            r[f"{metric}_ci_low"],
            r[f"{metric}_ci_high"],
        )
        for r in rows
    ]
    # The audit shows rates to one decimal of a percent, in the bars and their data table.
    return reports.bar_chart(title, bars, language=t.language, digits=1)


def _grouping(result: Audit, grouping: str, t: Texts) -> Section:
    _ = t.gettext
    groups = result.groups
    rows = list(groups.filter(groups["grouping"] == grouping).iter_rows(named=True))
    title = grouping_label(grouping, _, codes=True)
    blocks: list[Block] = []
    if grouping != "overall":
        charted = [m for m in RATE_METRICS if m in result.policy.bounds] or ["selection_rate"]
        blocks += [
            _chart(f"{metric_label(metric, _)} — {grouping_label(grouping, _)}", rows, metric, t)
            for metric in charted
        ]
    metrics = [*RATE_METRICS, *(SCORE_METRICS if result.spec.score else ())]
    table_rows: list[tuple[Cell | str, ...]] = []
    for r in rows:
        name = group_name(r["attributes"], _)
        if r["suppressed"]:
            # No number at all for a small group, not even its size.
            blanks = [""] * (len(CELLS) + len(metrics))
            table_rows.append((name, Cell(_("suppressed")), *blanks))
            continue
        cells = [Cell(t.count(r[c]), numeric=True) for c in ("n", *CELLS)]
        for m in metrics:
            value = t.number(r[m], 3)
            if r[f"{m}_ci_low"] is not None:
                value += f" ({t.number(r[f'{m}_ci_low'], 3)}–{t.number(r[f'{m}_ci_high'], 3)})"
            cells.append(Cell(value, numeric=True))
        table_rows.append((name, *cells))
    blocks.append(
        Table(
            _("Counts and metrics with 95% intervals: {grouping}").format(grouping=title),
            (_("group"), "n", *CELLS, *metrics),
            tuple(table_rows),
        )
    )
    return Section(title, tuple(blocks))


def _methods(result: Audit, t: Texts) -> Section:
    _ = t.gettext
    paragraphs = tuple(Paragraph(p) for p in methods_paragraphs(result, t))
    glossary = BulletList(
        tuple(f"{m}: {metric_label(m, _)}" for m in (*RATE_METRICS, *SCORE_METRICS))
    )
    return Section(_("Methods and caveats"), (*paragraphs, glossary), id="methods")


def audit_document(result: Audit, *, language: Language | str = "en") -> Document:
    """The fairness report of ``result`` as a document in ``language``.

    It holds a summary with the overall verdict, every comparison with its verdict,
    each grouping's charts and table (small groups suppressed), and the methods.

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> doc = audit_document(audit(df, label="y", prediction="p", sensitive="g"), language="fr")
    >>> doc.title, [s.id for s in doc.sections]
    ('Audit d’équité', ['summary', 'disparities', 'groups', 'methods'])
    """
    t = Texts(language)
    _ = t.gettext
    spec = result.spec
    intro = t.ngettext(
        "{n} decision in the column {prediction} was compared with the outcomes in "
        "the column {label}, for the protected attributes {sensitive}.",
        "{n} decisions in the column {prediction} were compared with the outcomes in "
        "the column {label}, for the protected attributes {sensitive}.",
        t.plural(result.n),
    ).format(
        n=t.count(result.n),
        prediction=spec.prediction,
        label=spec.label,
        sensitive=", ".join(spec.sensitive),
    )
    groupings = result.groups["grouping"].unique(maintain_order=True).to_list()
    groups = Section(
        _("Groups"), id="groups", subsections=tuple(_grouping(result, g, t) for g in groupings)
    )
    return Document(
        _("Fairness audit"),
        language,
        (_summary(result, t), _comparisons(result, t), groups, _methods(result, t)),
        lead=(Paragraph(intro),),
    )


def to_html(result: Audit, *, language: Language | str = "en") -> str:
    """A self-contained, accessible HTML report (no scripts, no external files).

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> page = to_html(audit(df, label="y", prediction="p", sensitive="g"), language="de")
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="de">' in page
    True
    """
    return reports.to_html(audit_document(result, language=language))


def to_markdown(result: Audit, *, language: Language | str = "en") -> str:
    """The same report as Markdown, for tickets and wikis.

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> print(to_markdown(audit(df, label="y", prediction="p", sensitive="g")).splitlines()[0])
    # Fairness audit
    """
    return reports.to_markdown(audit_document(result, language=language))
