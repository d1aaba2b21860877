"""Any :class:`~openpes.reports.Document` as one self-contained, accessible HTML page.

No scripts, no external files, one stylesheet, and one escaping rule: every text of the
document goes through :func:`html.escape`; only a figure's SVG, which the core draws
itself, is inserted as markup.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib.resources import files

from openpes.i18n import normalise_language, translator
from openpes.reports._document import (
    Block,
    BulletList,
    Cell,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

__all__ = ["to_html"]


@cache
def stylesheet() -> str:
    """The report stylesheet, read once from the package."""
    return files("openpes.reports").joinpath("report.css").read_text(encoding="utf-8")


def _class(*names: str | None) -> str:
    joined = " ".join(n for n in names if n)
    return f' class="{joined}"' if joined else ""


def _cell(cell: Cell | str, *, header: bool) -> str:
    if isinstance(cell, str):
        cell = Cell(cell)
    attrs = _class("num" if cell.numeric else None, cell.tone)
    if header:
        return f'<th scope="row"{attrs}>{escape(cell.text)}</th>'
    return f"<td{attrs}>{escape(cell.text)}</td>"


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    body = "".join(
        "<tr>" + "".join(_cell(c, header=i == 0) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    # The wrapper scrolls a wide table on a narrow screen instead of the whole page
    # (WCAG 1.4.10); a region that scrolls must be reachable and named for keyboard users.
    caption = escape(table.caption)
    return (
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{caption}">'
        f"<table><caption>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        role = ' role="note"' if block.tone == "warning" else ""
        return f"<p{_class(block.tone)}{role}>{escape(block.text)}</p>"
    if isinstance(block, BulletList):
        items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
        return f"<ul{_class(block.tone)}>{items}</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return (
            f"<figure>{block.svg}<figcaption>{escape(block.caption)}</figcaption></figure>"
            + _table(block.data)
        )
    raise TypeError(f"not a report block: {block!r}")


def _section(section: Section, level: int) -> str:
    tag = f"h{min(level, 6)}"
    if section.id:
        heading_id = f"{section.id}-title"
        parts = [
            f'<section id="{escape(section.id)}" aria-labelledby="{escape(heading_id)}">',
            f'<{tag} id="{escape(heading_id)}">{escape(section.title)}</{tag}>',
        ]
    else:
        parts = ["<section>", f"<{tag}>{escape(section.title)}</{tag}>"]
    if section.reference:
        parts.append(f'<p class="ref">{escape(section.reference)}</p>')
    parts += [_block(b) for b in section.blocks]
    parts += [_section(s, level + 1) for s in section.subsections]
    parts.append("</section>")
    return "\n".join(parts)


def to_html(document: Document, *, language: str | None = None) -> str:
    """Render ``document`` as a complete HTML page.

    ``language`` defaults to the document's own; it sets ``<html lang>`` and the
    language of the page's fixed texts (the skip link, the navigation label).

    Examples
    --------
    >>> from openpes.reports import Document, Paragraph, Section
    >>> doc = Document("Report <1>", "fr", [Section("Résumé", [Paragraph("a & b")])])
    >>> page = to_html(doc)
    >>> '<html lang="fr">' in page and "Report &lt;1&gt;" in page and "a &amp; b" in page
    True
    """
    lang = normalise_language(language or document.language)
    _ = translator("openpes.reports", lang).gettext
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>{stylesheet()}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{escape(_("Skip to the content"))}</a>',
        f"<header><h1>{escape(document.title)}</h1></header>",
    ]
    linked = [s for s in document.sections if s.id]
    if document.navigation and linked:
        parts.append(f'<nav aria-label="{escape(_("Sections"))}"><ul>')
        parts += [f'<li><a href="#{escape(s.id or "")}">{escape(s.title)}</a></li>' for s in linked]
        parts.append("</ul></nav>")
    parts.append('<main id="main">')
    parts += [_block(b) for b in document.lead]
    parts += [_section(s, 2) for s in document.sections]
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
