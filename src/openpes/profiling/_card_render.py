"""Markdown and self-contained HTML for the model card."""

from __future__ import annotations

from html import escape

from openpes.i18n import translator
from openpes.profiling._card import Section

__all__ = ["card_html", "card_markdown"]

_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 "
    "auto;padding:1rem;line-height:1.5;color:#1a1a1a}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #767676;padding:.25rem "
    ".5rem;text-align:left}"
    "caption{font-weight:bold;text-align:left}.warning{border-left:.4rem solid "
    "#b00020;padding:.5rem;background:#fff4f4}"
    ".ref{color:#444;font-size:.9rem}.skip{position:absolute;left:-999px}.skip:focus{left:1rem}"
)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def card_markdown(title: str, sections: list[Section]) -> str:
    lines = [f"# {title}", ""]
    for section in sections:
        lines += [f"## {section.title}", "", f"*EU AI Act: {section.reference}*", ""]
        for warning in section.warnings:
            lines += [f"> **⚠ {warning}**", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        for table in section.tables:
            lines += [f"**{table.caption}**", ""]
            lines.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
            lines.append("|" + "---|" * len(table.headers))
            for row in table.rows:
                lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def card_html(title: str, sections: list[Section], *, language: str) -> str:
    _ = translator("openpes.profiling", language).gettext
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{escape(_("Skip to the content"))}</a>',
        f"<header><h1>{escape(title)}</h1></header>",
        f'<nav aria-label="{escape(_("Sections"))}"><ul>',
        *(f'<li><a href="#{s.key}">{escape(s.title)}</a></li>' for s in sections),
        "</ul></nav>",
        '<main id="main">',
    ]
    for section in sections:
        parts.append(f'<section id="{section.key}" aria-labelledby="{section.key}-title">')
        parts.append(f'<h2 id="{section.key}-title">{escape(section.title)}</h2>')
        parts.append(f'<p class="ref">EU AI Act: {escape(section.reference)}</p>')
        for warning in section.warnings:
            parts.append(f'<p class="warning" role="note"><strong>{escape(warning)}</strong></p>')
        for paragraph in section.paragraphs:
            parts.append(f"<p>{escape(paragraph)}</p>")
        for table in section.tables:
            parts.append(f"<table><caption>{escape(table.caption)}</caption><thead><tr>")
            parts += [f'<th scope="col">{escape(h)}</th>' for h in table.headers]
            parts.append("</tr></thead><tbody>")
            for row in table.rows:
                cells = [f'<th scope="row">{escape(row[0])}</th>'] + [
                    f"<td>{escape(c)}</td>" for c in row[1:]
                ]
                parts.append("<tr>" + "".join(cells) + "</tr>")
            parts.append("</tbody></table>")
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
