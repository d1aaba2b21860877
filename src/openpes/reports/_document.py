"""The document model every OpenPES report is built from.

Reports (fairness audits, model cards, readiness reports, and later the register and
oversight documents) are functions that build a :class:`Document` from a result; the
renderers in ``_html`` and ``_markdown`` turn any document into a page. Keeping the content
as plain frozen data means one page shell, one stylesheet and one escaping rule, and a
result never needs to know how it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = [
    "Block",
    "BulletList",
    "Cell",
    "Document",
    "Figure",
    "Paragraph",
    "Section",
    "Table",
    "Tone",
]

#: How a cell, paragraph or list is marked: a policy verdict, or a callout.
Tone: TypeAlias = Literal["pass", "warn", "fail", "insufficient", "note", "finding", "warning"]


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, whether it is a number (right-aligned), and its tone."""

    text: str
    numeric: bool = False
    tone: Tone | None = None


@dataclass(frozen=True)
class Table:
    """A table with a caption; the first cell of each row is the row's header.

    Rows may hold plain strings or :class:`Cell` objects.
    """

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell | str]]

    def __post_init__(self) -> None:
        # Tuples keep the document hashable and immutable even when built from lists.
        object.__setattr__(self, "headers", tuple(self.headers))
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. ``tone`` marks a small note, a finding or a warning callout."""

    text: str
    tone: Tone | None = None


@dataclass(frozen=True)
class BulletList:
    """An unordered list of short items."""

    items: Sequence[str]
    tone: Tone | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))


@dataclass(frozen=True)
class Figure:
    """A chart drawn as SVG, with the data table beside it for screen readers and print.

    ``svg`` is markup built by :func:`openpes.reports.bar_chart` or another chart function
    of the core (never user text that was not escaped); Markdown shows only ``data``.
    """

    svg: str
    caption: str
    data: Table


Block: TypeAlias = Paragraph | BulletList | Table | Figure


@dataclass(frozen=True)
class Section:
    """A titled part of a document, with its blocks and optional subsections.

    ``id`` is the anchor that the navigation links to; ``reference`` names the legal
    provision or standard the section answers (shown under the title).
    """

    title: str
    blocks: Sequence[Block] = ()
    id: str | None = None
    reference: str | None = None
    subsections: Sequence[Section] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        object.__setattr__(self, "subsections", tuple(self.subsections))


@dataclass(frozen=True)
class Document:
    """A whole report in one language.

    ``lead`` blocks stand under the title, before the first section; ``navigation``
    adds a list of links to the sections that have an ``id``.
    """

    title: str
    language: str
    sections: Sequence[Section]
    lead: Sequence[Block] = ()
    navigation: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "lead", tuple(self.lead))
