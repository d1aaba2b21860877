"""The radar chart of the dimension scores, as SVG and as a report figure with its data table."""

from __future__ import annotations

import math
from html import escape

from openpes.i18n import translator
from openpes.readiness._labels import dimension_title, gettext
from openpes.readiness._scoring import Result
from openpes.reports import Cell, Figure, Table

__all__ = ["radar_figure", "radar_svg"]


def _wrap(text: str, width: int = 20) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def radar_svg(result: Result, *, language: str = "en") -> str:
    """The dimension scores as a radar chart (inline SVG), with the "don't know" band.

    The chart has ``role="img"`` with a title and a description; the same data is in the
    report's table, because a chart alone is not accessible.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> radar_svg(score(demo_organisations()[0])).startswith("<svg")
    True
    """
    _ = gettext(language)
    fw = result.framework
    dims = result.dimensions
    width, height, cx, cy, radius = 800, 620, 400, 310, 190
    n = len(dims)
    angles = [-math.pi / 2 + 2 * math.pi * k / n for k in range(n)]

    def point(value: float, k: int) -> str:
        r = radius * value / 100
        return f"{cx + r * math.cos(angles[k]):.1f},{cy + r * math.sin(angles[k]):.1f}"

    def polygon(values: list[float]) -> str:
        return " ".join(point(v, k) for k, v in enumerate(values))

    title = _("Readiness by dimension")
    desc = (
        translator("openpes.readiness", language)
        .ngettext(
            "Radar chart of the {n} dimension score from 0 to 100; the same data is in the table "
            "below.",
            "Radar chart of the {n} dimension scores from 0 to 100; the same data is in the table "
            "below.",
            n,
        )
        .format(n=n)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="radar-title radar-desc" width="{width}" height="{height}">',
        f'<title id="radar-title">{escape(title)}</title>',
        f'<desc id="radar-desc">{escape(desc)}</desc>',
    ]
    for ring in (25, 50, 75, 100):
        parts.append(
            f'<polygon points="{polygon([ring] * n)}" fill="none" stroke="#8c8c8c" stroke-width="1"/>'  # noqa: E501
        )
    for k in range(n):
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{point(100, k).split(",")[0]}" '
            f'y2="{point(100, k).split(",")[1]}" stroke="#8c8c8c" stroke-width="1"/>'
        )
    parts.append(
        f'<polygon points="{polygon([d.high for d in dims])}" fill="none" stroke="#595959" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<polygon points="{polygon([d.score for d in dims])}" fill="#1f4e79" fill-opacity="0.25" '
        'stroke="#1f4e79" stroke-width="2.5"/>'
    )
    parts.append(
        f'<polygon points="{polygon([d.low for d in dims])}" fill="none" stroke="#595959" '
        'stroke-width="1.5" stroke-dasharray="2 3"/>'
    )
    for k, d in enumerate(dims):
        x = cx + (radius + 18) * math.cos(angles[k])
        y = cy + (radius + 18) * math.sin(angles[k])
        anchor = "middle" if abs(math.cos(angles[k])) < 0.3 else ("start" if x > cx else "end")
        lines = _wrap(dimension_title(fw, d.dimension_id, language))
        sin = math.sin(angles[k])
        # Labels below the chart hang down, above it stand up, at the sides are centred.
        dy0 = (
            12
            if sin > 0.3
            else (-(len(lines) - 1) * 14 if sin < -0.3 else 4 - (len(lines) - 1) * 7)
        )
        tspans = "".join(
            f'<tspan x="{x:.1f}" dy="{dy0 if i == 0 else 14}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" fill="#1a1a1a" text-anchor="{anchor}">'
            f"{tspans}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def radar_figure(result: Result, *, language: str = "en") -> Figure:
    """The radar chart as a report figure, with the scores table as its data.

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> figure = radar_figure(score(demo_organisations()[0]))
    >>> figure.data.headers[:2]
    ('Dimension', 'Score')
    """
    _ = gettext(language)
    fw = result.framework
    data = Table(
        _("Score by dimension (0 to 100)"),
        (
            _("Dimension"),
            _("Score"),
            _("Lowest possible"),
            _("Highest possible"),
            _("Don't know or unanswered"),
        ),
        tuple(
            (
                dimension_title(fw, d.dimension_id, language),
                Cell(f"{d.score:.0f}", numeric=True),
                Cell(f"{d.low:.0f}", numeric=True),
                Cell(f"{d.high:.0f}", numeric=True),
                Cell(str(d.unknown), numeric=True),
            )
            for d in result.dimensions
        ),
    )
    caption = _(
        'Solid line: score. Dashed lines: highest and lowest possible score given the "don\'t know" answers.'  # noqa: E501
    )
    return Figure(radar_svg(result, language=language), caption, data)
