"""Charts for reports: SVG drawn by the core, always with its data table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from openpes.i18n import LocalisedText
from openpes.reports._document import Cell, Figure, Table

__all__ = ["Bar", "bar_chart"]


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a share between 0 and 1 (``None`` when suppressed), its interval."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None


def bar_chart(title: str, bars: Sequence[Bar], *, language: str = "en", digits: int = 0) -> Figure:
    """A horizontal bar chart of shares with 95% interval whiskers, and its data table.

    ``digits`` is the number of decimals of the percentages, in the bars and the table.

    Examples
    --------
    >>> fig = bar_chart("Selection rate", [Bar("women", 0.4, 0.3, 0.5), Bar("men", None)])
    >>> fig.svg.startswith("<svg") and fig.data.rows[1][2].text
    'suppressed'
    """
    t = LocalisedText("openpes.reports", language)
    _ = t.gettext
    label_w, bar_w, row_h = 220, 360, 22
    height = row_h * len(bars) + 30
    width = label_w + bar_w + 70
    description = _("Bars show each group's value; black lines show the 95% interval.")
    # aria-label rather than ids: many charts on one page need no unique ids this way.
    parts = [
        f'<svg role="img" aria-label="{escape(title)}. {escape(description)}"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        ' xmlns="http://www.w3.org/2000/svg">',
    ]
    for i, bar in enumerate(bars):
        y = 10 + i * row_h
        short = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(f'<text x="0" y="{y + 14}">{escape(short)}</text>')
        if bar.value is None:
            parts.append(f'<text x="{label_w}" y="{y + 14}">{escape(_("suppressed"))}</text>')
            continue
        parts.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{bar.value * bar_w:.1f}"'
            f' height="{row_h - 8}" fill="#1f5fa8"/>'
        )
        if bar.low is not None and bar.high is not None:
            x1, x2 = label_w + bar.low * bar_w, label_w + bar.high * bar_w
            parts.append(
                f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 10}" y2="{y + 10}"'
                ' stroke="#000" stroke-width="2"/>'
            )
        share = escape(t.percent(bar.value, digits))
        parts.append(f'<text x="{label_w + bar_w + 5}" y="{y + 14}">{share}</text>')
    axis_y = 10 + len(bars) * row_h
    parts.append(
        f'<line x1="{label_w}" x2="{label_w + bar_w}" y1="{axis_y}" y2="{axis_y}"'
        ' stroke="#1a1a1a"/>'
        f'<text x="{label_w}" y="{axis_y + 15}">{escape(t.percent(0))}</text>'
        f'<text x="{label_w + bar_w - 30}" y="{axis_y + 15}">{escape(t.percent(1))}</text></svg>'
    )
    rows = [
        (
            bar.label,
            Cell(t.percent(bar.value, digits), numeric=True),
            Cell(
                f"{t.percent(bar.low, digits)} – {t.percent(bar.high, digits)}"
                if bar.value is not None
                else _("suppressed")
            ),
        )
        for bar in bars
    ]
    data = Table(
        _("Data of the chart: {title}").format(title=title),
        (_("group"), _("value"), _("95% interval")),
        rows,
    )
    return Figure("".join(parts), title, data)
