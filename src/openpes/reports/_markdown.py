"""Any :class:`~openpes.reports.Document` as Markdown (GitHub-flavoured tables)."""

from __future__ import annotations

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

__all__ = ["to_markdown"]


def _cell(cell: Cell | str) -> str:
    text = cell if isinstance(cell, str) else cell.text
    # A pipe would end the cell and a newline the row.
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [f"**{table.caption}**", ""] if table.caption else []
    lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
    lines.append("|" + "---|" * len(table.headers))
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        if block.tone == "warning":
            return [f"> **⚠ {block.text}**", ""]
        if block.tone == "finding":
            return [f"> {block.text}", ""]
        if block.tone == "note":
            return [f"*{block.text}*", ""]
        return [block.text, ""]
    if isinstance(block, BulletList):
        return [*(f"- {item}" for item in block.items), ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        # Markdown has no SVG: the figure's data table carries the same numbers.
        return _table(block.data)
    raise TypeError(f"not a report block: {block!r}")


def _section(section: Section, level: int) -> list[str]:
    lines = [f"{'#' * min(level, 6)} {section.title}", ""]
    if section.reference:
        lines += [f"*{section.reference}*", ""]
    for block in section.blocks:
        lines += _block(block)
    for sub in section.subsections:
        lines += _section(sub, level + 1)
    return lines


def to_markdown(document: Document) -> str:
    """Render ``document`` as Markdown.

    Examples
    --------
    >>> from openpes.reports import Document, Section, Table
    >>> table = Table("n", ["group", "n"], [["a|b", "3"]])
    >>> doc = Document("Audit", "en", [Section("Groups", [table])])
    >>> print(to_markdown(doc), end="")
    # Audit
    <BLANKLINE>
    ## Groups
    <BLANKLINE>
    **n**
    <BLANKLINE>
    | group | n |
    |---|---|
    | a\\|b | 3 |
    """
    lines = [f"# {document.title}", ""]
    for block in document.lead:
        lines += _block(block)
    for section in document.sections:
        lines += _section(section, 2)
    return "\n".join(lines).rstrip() + "\n"
