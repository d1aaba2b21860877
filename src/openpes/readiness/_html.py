"""A printable, self-contained, accessible HTML report with a radar chart."""

from __future__ import annotations

import math
from html import escape

from openpes.readiness._benchmark import Benchmark
from openpes.readiness._framework import HORIZONS, localise
from openpes.readiness._labels import effort_name, gettext, horizon_name, position_name
from openpes.readiness._report import dimension_title, level_sentence
from openpes.readiness._roadmap import Roadmap
from openpes.readiness._scoring import Result

__all__ = ["radar_svg", "to_html"]

# Colours meet WCAG AA contrast on white (text >= 4.5:1, graphics >= 3:1) and print in grey.
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;
max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1f4e79}
h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #595959;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8eef5}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.finding{border-left:4px solid #a4262c;padding:.25rem .75rem;background:#fdf3f4}
.note{color:#404040}
svg{max-width:100%;height:auto}
a{color:#1f4e79}
@media print{body{max-width:none;padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}
thead{display:table-header-group}.finding{background:none}}
"""


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
    desc = _(
        "Radar chart of the {n} dimension scores from 0 to 100; the same data is in the table below."  # noqa: E501
    ).format(n=n)
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


def _table(caption: str, header: list[str], rows: list[list[tuple[str, bool]]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for row in rows:
        (first, _), *rest = row
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if numeric else f"<td>{escape(c)}</td>"
            for c, numeric in rest
        )
        body.append(f'<tr><th scope="row">{escape(first)}</th>{cells}</tr>')
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def to_html(
    result: Result,
    *,
    roadmap: Roadmap | None = None,
    benchmark: Benchmark | None = None,
    language: str = "en",
) -> str:
    """A printable HTML report in one self-contained file (no scripts, no external files).

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> page = to_html(score(demo_organisations()[0]), language="nl")
    >>> '<html lang="nl">' in page
    True
    """
    _ = gettext(language)
    fw = result.framework
    lang = language.split("-")[0].split("_")[0].lower()
    title = f"{localise(fw.title, language)}: {result.organisation}"
    h: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}</h1>",
        '<p class="note">'
        + escape(
            _("Framework {id} version {version}; {n} respondents; date: {date}.").format(
                id=fw.id, version=fw.version, n=result.respondents, date=result.date or "-"
            )
        )
        + "</p>",
        f"<h2>{escape(_('Overall maturity'))}</h2>",
        "<p>" + escape(level_sentence(result, language)) + "</p>",
        "<p>"
        + escape(
            _(
                'Overall score {score} out of 100 (between {low} and {high} given the "don\'t know" answers).'  # noqa: E501
            ).format(
                score=f"{result.score:.0f}", low=f"{result.low:.0f}", high=f"{result.high:.0f}"
            )
        )
        + "</p>",
    ]
    if result.gates:
        h.append(f"<h3>{escape(_('Gates applied'))}</h3><ul>")
        gates = {g.id: g for g in fw.gates}
        h += [
            f'<li class="finding">{escape(localise(gates[g.gate_id].text, language))}</li>'
            for g in result.gates
        ]
        h.append("</ul>")
    tier = next(t for t in fw.risk_tiers if t.tier == result.risk.tier)
    h.append(f"<h2>{escape(_('Risk of the planned use'))}</h2>")
    h.append(
        "<p>"
        + escape(
            _(
                "Risk tier {tier} ({name}), {points} points; it requires maturity level {required}."
            ).format(
                tier=tier.tier,
                name=localise(tier.text, language),
                points=result.risk.points,
                required=result.risk.required_level,
            )
        )
        + " "
        + escape(_("Requirement met.") if result.risk.meets else _("Requirement not met."))
        + "</p>"
    )
    if result.risk.shortfalls:
        h.append(
            '<p class="finding">'
            + escape(
                _("Dimensions below what this risk tier requires: {dims}.").format(
                    dims="; ".join(dimension_title(fw, d, language) for d in result.risk.shortfalls)
                )
            )
            + "</p>"
        )
    h.append(f"<h2>{escape(_('Dimensions'))}</h2>")
    h.append(f"<figure>{radar_svg(result, language=language)}<figcaption>")
    h.append(
        escape(
            _(
                'Solid line: score. Dashed lines: highest and lowest possible score given the "don\'t know" answers.'  # noqa: E501
            )
        )
    )
    h.append("</figcaption></figure>")
    h.append(
        _table(
            _("Score by dimension (0 to 100)"),
            [
                _("Dimension"),
                _("Score"),
                _("Lowest possible"),
                _("Highest possible"),
                _("Don't know or unanswered"),
            ],
            [
                [
                    (dimension_title(fw, d.dimension_id, language), False),
                    (f"{d.score:.0f}", True),
                    (f"{d.low:.0f}", True),
                    (f"{d.high:.0f}", True),
                    (str(d.unknown), True),
                ]
                for d in result.dimensions
            ],
        )
    )
    if result.by_group:
        groups = list(result.by_group)
        h.append(f"<h2>{escape(_('By respondent group'))}</h2>")
        h.append(
            _table(
                _("Score by dimension and respondent group"),
                [_("Dimension")] + [localise(fw.group(g).label, language) for g in groups],
                [
                    [(dimension_title(fw, d.dimension_id, language), False)]
                    + [(f"{result.by_group[g][k].score:.0f}", True) for g in groups]
                    for k, d in enumerate(result.dimensions)
                ],
            )
        )
    h.append(f"<h2>{escape(_('Where respondents disagree'))}</h2>")
    if result.leadership_front_line_gaps:
        h.append(
            '<p class="finding">'
            + escape(
                _(
                    "Leadership and the front line are two levels or more apart on {n} question(s): this gap is itself a finding."  # noqa: E501
                ).format(n=len(result.leadership_front_line_gaps))
            )
            + "</p>"
        )
    if result.disagreements:
        h.append("<ul>")
        for d in result.disagreements:
            voices = ", ".join(
                f"{localise(fw.group(g).label, language)} {level:.1f}"
                for g, level in d.levels.items()
            )
            h.append(
                f"<li>{escape(localise(fw.question(d.question_id).text, language))} ({escape(voices)})</li>"  # noqa: E501
            )
        h.append("</ul>")
    else:
        h.append(
            f"<p>{escape(_('No question where respondent groups are two levels or more apart.'))}</p>"  # noqa: E501
        )
    if roadmap is not None:
        h.append(f"<h2>{escape(_('Roadmap'))}</h2>")
        if not roadmap.actions:
            h.append(
                f"<p>{escape(_('No action needed: every question is at the target level.'))}</p>"
            )
        for horizon in HORIZONS:
            actions = roadmap.horizon(horizon)
            if not actions:
                continue
            h.append(f"<h3>{escape(horizon_name(horizon, language))}</h3>")
            h.append(
                _table(
                    horizon_name(horizon, language),
                    [_("Action"), _("Effort"), _("Triggered by"), _("Depends on")],
                    [
                        [
                            (localise(fw.action(a.action_id).text, language), False),
                            (effort_name(a.effort, language), False),
                            (
                                _("{question}: level {level:.1f} (target {target})").format(
                                    question=a.triggered_by.question_id,
                                    level=a.triggered_by.level,
                                    target=a.target,
                                ),
                                False,
                            ),
                            (", ".join(a.depends_on) or "-", False),
                        ]
                        for a in actions
                    ],
                )
            )
    if benchmark is not None:
        h.append(f"<h2>{escape(_('Peer benchmark'))}</h2>")
        if benchmark.shown:
            h.append(
                f"<p>{escape(_('{n} organisations shared their scores anonymously.').format(n=benchmark.contributors))}</p>"  # noqa: E501
            )
            h.append(
                _table(
                    _("Your scores and the peer distribution"),
                    [
                        _("Dimension"),
                        _("Your score"),
                        _("First quartile"),
                        _("Median"),
                        _("Third quartile"),
                        _("Where you stand"),
                    ],
                    [
                        [
                            (dimension_title(fw, d.dimension_id, language), False),
                            (f"{d.own:.0f}", True),
                            (f"{d.quartiles.q1:.0f}", True),
                            (f"{d.quartiles.median:.0f}", True),
                            (f"{d.quartiles.q3:.0f}", True),
                            (position_name(d.position, language) if d.position else "-", False),
                        ]
                        for d in benchmark.dimensions
                        if d.quartiles is not None
                    ],
                )
            )
        else:
            h.append(
                "<p>"
                + escape(
                    _(
                        "Fewer than {k} organisations have shared their scores, so only your own scores are shown."  # noqa: E501
                    ).format(k=benchmark.k)
                )
                + "</p>"
            )
    h += ["</main>", "</body>", "</html>"]
    return "\n".join(h) + "\n"
