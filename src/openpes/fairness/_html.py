"""The self-contained, accessible HTML report (WCAG 2.2 AA, no scripts, no external files)."""

from __future__ import annotations

from html import escape
from itertools import count
from typing import TYPE_CHECKING, Any

from openpes.fairness._metrics import CELLS, RATE_METRICS, SCORE_METRICS
from openpes.fairness._text import (
    Texts,
    describe_group,
    methods_paragraphs,
    metric_label,
    summary_sentences,
    verdict_label,
    verdict_sentence,
)

if TYPE_CHECKING:
    from openpes.fairness._audit import Audit

__all__ = ["audit_html"]

# Colours are chosen for at least 7:1 contrast of text on its background.
_STYLE = """
body{font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff;max-width:70rem;
margin:0 auto;padding:1rem;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:bold}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.fail{background:#fde8e8;color:#7f0000}.warn{background:#fff4d6;color:#5c3b00}
.pass{background:#e6f4ea;color:#14501a}.insufficient{background:#eeeeee;color:#2b2b2b}
a.skip{position:absolute;left:-999px}a.skip:focus{left:1rem}
svg text{font-size:12px;fill:#1a1a1a}
"""


def _cell(text: str, *, numeric: bool = False, css: str | None = None) -> str:
    cls = " ".join(c for c in ("num" if numeric else "", css or "") if c)
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape(text)}</td>"


def _table(caption: str, header: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _chart(ids: count[int], title: str, rows: list[tuple[str, Any, Any, Any]], t: Texts) -> str:
    """A horizontal bar chart of rates with interval whiskers, and its data table."""
    _ = t.gettext
    n = next(ids)
    label_w, bar_w, row_h = 220, 360, 22
    height = row_h * len(rows) + 30
    width = label_w + bar_w + 70
    parts = [
        f'<svg role="img" aria-labelledby="chart{n}-title chart{n}-desc"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart{n}-title">{escape(title)}</title>',
        f'<desc id="chart{n}-desc">'
        + escape(_("Bars show each group's value; black lines show the 95% interval."))
        + "</desc>",
    ]
    for i, (name, value, low, high) in enumerate(rows):
        y = 10 + i * row_h
        short = name if len(name) <= 34 else name[:33] + "…"
        parts.append(f'<text x="0" y="{y + 14}">{escape(short)}</text>')
        if value is None:
            parts.append(f'<text x="{label_w}" y="{y + 14}">{escape(_("suppressed"))}</text>')
            continue
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{value * bar_w:.1f}" height="{row_h - 8}"'
            ' fill="#1f5fa8"/>'
        )
        if low is not None and high is not None:
            x1, x2 = label_w + low * bar_w, label_w + high * bar_w
            parts.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 10}" y2="{y + 10}"'
                ' stroke="#000" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{label_w + bar_w + 5}" y="{y + 14}">{escape(t.percent(value))}</text>'
        )
    axis_y = 10 + len(rows) * row_h
    parts.append(
        f'<line x1="{label_w}" x2="{label_w + bar_w}" y1="{axis_y}" y2="{axis_y}"'
        ' stroke="#1a1a1a"/>'
        f'<text x="{label_w}" y="{axis_y + 15}">0%</text>'
        f'<text x="{label_w + bar_w - 30}" y="{axis_y + 15}">100%</text></svg>'
    )
    table = _table(
        _("Data of the chart: {title}").format(title=title),
        [_("group"), _("value"), _("95% interval")],
        [
            f'<tr><th scope="row">{escape(name)}</th>{_cell(t.percent(v), numeric=True)}'
            + _cell(f"{t.percent(lo)} – {t.percent(hi)}" if v is not None else _("suppressed"))
            + "</tr>"
            for name, v, lo, hi in rows
        ],
    )
    return (
        "<figure>"
        + "".join(parts)
        + "<figcaption>"
        + escape(title)
        + "</figcaption></figure>"
        + table
    )


def _disparity_rows(result: Audit, t: Texts) -> list[str]:
    _ = t.gettext
    order = {"fail": 0, "warn": 1, "insufficient": 2, "pass": 3}
    rows = sorted(result.disparities.iter_rows(named=True), key=lambda r: order[r["verdict"]])
    out = []
    for r in rows:
        reference = (
            _("everyone else")
            if result.reference == "overall"
            else describe_group(r["reference"], _)
        )
        out.append(
            "<tr>"
            f'<th scope="row">{escape(describe_group(r["attributes"], _))}</th>'
            + _cell(reference)
            + _cell(metric_label(r["metric"], _))
            + _cell(t.number(r["ratio"]), numeric=True)
            + _cell(f"{t.number(r['ratio_ci_low'])} – {t.number(r['ratio_ci_high'])}", numeric=True)
            + _cell(t.number(r["difference"], 3), numeric=True)
            + _cell(
                f"{t.number(r['difference_ci_low'], 3)} – {t.number(r['difference_ci_high'], 3)}",
                numeric=True,
            )
            + _cell(t.number(r["p_adjusted"], 4), numeric=True)
            + _cell(t.number(r["min_detectable_difference"], 3), numeric=True)
            + _cell(verdict_label(r["verdict"], _), css=r["verdict"])
            + "</tr>"
        )
    return out


def audit_html(result: Audit, *, language: str = "en") -> str:
    """Render the audit as one self-contained HTML page in ``language``."""
    t = Texts(language)
    _ = t.gettext
    ids = count(1)
    spec = result.spec
    body: list[str] = [
        f'<a class="skip" href="#main">{escape(_("Skip to the report"))}</a>',
        f'<main id="main"><h1>{escape(_("Fairness audit"))}</h1>',
        "<p>"
        + escape(
            _(
                "{n} decisions in the column {prediction} were compared with the outcomes in "
                "the column {label}, for the protected attributes {sensitive}."
            ).format(
                n=t.count(result.n),
                prediction=spec.prediction,
                label=spec.label,
                sensitive=", ".join(spec.sensitive),
            )
        )
        + "</p>",
        f'<section aria-labelledby="summary"><h2 id="summary">{escape(_("Summary"))}</h2>',
        f'<p class="{result.verdict}">{escape(verdict_sentence(result, t))}</p>',
    ]
    sentences = summary_sentences(result, t)
    if sentences:
        body.append("<ul>" + "".join(f"<li>{escape(s)}</li>" for s in sentences) + "</ul>")
    else:
        body.append(f"<p>{escape(_('No comparison crossed a bound of the policy.'))}</p>")
    body.append("</section>")
    header = [
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
    ]
    body.append(
        '<section aria-labelledby="disparities">'
        f'<h2 id="disparities">{escape(_("Comparisons"))}</h2>'
        + _table(_("Every group compared with its reference"), header, _disparity_rows(result, t))
        + "</section>"
    )
    body.append(f'<section aria-labelledby="groups"><h2 id="groups">{escape(_("Groups"))}</h2>')
    groups = result.groups
    charted = [m for m in RATE_METRICS if m in result.policy.bounds] or ["selection_rate"]
    for grouping in groups["grouping"].unique(maintain_order=True).to_list():
        part = groups.filter(groups["grouping"] == grouping)
        title = _("everyone") if grouping == "overall" else grouping
        body.append(f"<h3>{escape(title)}</h3>")
        rows = list(part.iter_rows(named=True))
        if grouping != "overall":
            for metric in charted:
                body.append(
                    _chart(
                        ids,
                        f"{metric_label(metric, _)} — {grouping}",
                        [
                            (
                                describe_group(r["attributes"], _),
                                r[metric],
                                r[f"{metric}_ci_low"],
                                r[f"{metric}_ci_high"],
                            )
                            for r in rows
                        ],
                        t,
                    )
                )
        metrics = [*RATE_METRICS, *(SCORE_METRICS if spec.score else ())]
        table_rows = []
        for r in rows:
            cells = [f'<th scope="row">{escape(describe_group(r["attributes"], _))}</th>']
            if r["suppressed"]:
                cells.append(
                    f'<td colspan="{len(CELLS) + 1 + len(metrics)}">{escape(_("suppressed"))}</td>'
                )
            else:
                cells += [_cell(t.count(r[c]), numeric=True) for c in ("n", *CELLS)]
                for m in metrics:
                    value = t.number(r[m], 3)
                    if r[f"{m}_ci_low"] is not None:
                        value += (
                            f" ({t.number(r[f'{m}_ci_low'], 3)}–{t.number(r[f'{m}_ci_high'], 3)})"
                        )
                    cells.append(_cell(value, numeric=True))
            table_rows.append("<tr>" + "".join(cells) + "</tr>")
        body.append(
            _table(
                _("Counts and metrics with 95% intervals: {grouping}").format(grouping=title),
                [_("group"), "n", *CELLS, *metrics],
                table_rows,
            )
        )
    body.append("</section>")
    body.append(
        '<section aria-labelledby="methods">'
        f'<h2 id="methods">{escape(_("Methods and caveats"))}</h2>'
        + "".join(f"<p>{escape(p)}</p>" for p in methods_paragraphs(result, t))
        + "<dl>"
        + "".join(
            f"<dt>{escape(m)}</dt><dd>{escape(metric_label(m, _))}</dd>"
            for m in (*RATE_METRICS, *SCORE_METRICS)
        )
        + "</dl></section></main>"
    )
    title = escape(_("Fairness audit"))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )
