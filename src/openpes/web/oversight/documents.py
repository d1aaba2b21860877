"""Report-layer documents stored as JSON, so a monitor's report is read, never recomputed.

A :class:`openpes.reports.Document` is plain frozen data; this module turns it into
JSON-ready dicts and back, keeping the kind of every block.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from openpes.reports import BulletList, Cell, Document, Figure, Paragraph, Section, Table

_KINDS: dict[type, str] = {
    Paragraph: "paragraph",
    BulletList: "list",
    Table: "table",
    Figure: "figure",
}


def _cell_out(cell: Cell | str) -> dict[str, Any]:
    return asdict(cell) if isinstance(cell, Cell) else {"text": cell}


def _table_out(table: Table) -> dict[str, Any]:
    return {
        "caption": table.caption,
        "headers": list(table.headers),
        "rows": [[_cell_out(c) for c in row] for row in table.rows],
    }


def _block_out(block: Any) -> dict[str, Any]:
    kind = _KINDS[type(block)]
    if kind == "table":
        return {"kind": kind, **_table_out(block)}
    if kind == "figure":
        return {
            "kind": kind,
            "svg": block.svg,
            "caption": block.caption,
            "data": _table_out(block.data),
        }
    if kind == "list":
        return {"kind": kind, "items": list(block.items), "tone": block.tone}
    return {"kind": kind, "text": block.text, "tone": block.tone}


def _section_out(section: Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "id": section.id,
        "reference": section.reference,
        "blocks": [_block_out(b) for b in section.blocks],
        "subsections": [_section_out(s) for s in section.subsections],
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    return {
        "title": document.title,
        "language": document.language,
        "navigation": document.navigation,
        "lead": [_block_out(b) for b in document.lead],
        "sections": [_section_out(s) for s in document.sections],
    }


def _table_in(data: dict[str, Any]) -> Table:
    return Table(
        data["caption"],
        tuple(data["headers"]),
        tuple(tuple(Cell(**c) for c in row) for row in data["rows"]),
    )


def _block_in(data: dict[str, Any]) -> Any:
    kind = data["kind"]
    if kind == "table":
        return _table_in(data)
    if kind == "figure":
        return Figure(data["svg"], data["caption"], _table_in(data["data"]))
    if kind == "list":
        return BulletList(tuple(data["items"]), data.get("tone"))
    return Paragraph(data["text"], data.get("tone"))


def _section_in(data: dict[str, Any]) -> Section:
    return Section(
        data["title"],
        tuple(_block_in(b) for b in data["blocks"]),
        data.get("id"),
        data.get("reference"),
        tuple(_section_in(s) for s in data["subsections"]),
    )


def document_from_dict(data: dict[str, Any]) -> Document:
    return Document(
        data["title"],
        data["language"],
        tuple(_section_in(s) for s in data["sections"]),
        tuple(_block_in(b) for b in data["lead"]),
        data.get("navigation", False),
    )
