"""One report layer: a small document model and its HTML and Markdown renderers.

Every report of OpenPES is a function that builds a :class:`Document` from a result
(``fairness.audit_document``, ``profiling.card_document``, ``readiness.report_document``);
:func:`to_html` and :func:`to_markdown` render any document. Renderers depend on
documents, documents on results, never the reverse.

Examples
--------
>>> from openpes.reports import Document, Paragraph, Section, to_markdown
>>> print(to_markdown(Document("T", "en", [Section("S", [Paragraph("p")])])).strip())
# T
<BLANKLINE>
## S
<BLANKLINE>
p
"""

from openpes.reports._charts import Bar, bar_chart
from openpes.reports._document import (
    Block,
    BulletList,
    Cell,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    Tone,
)
from openpes.reports._html import to_html
from openpes.reports._markdown import to_markdown

__all__ = [
    "Bar",
    "Block",
    "BulletList",
    "Cell",
    "Document",
    "Figure",
    "Paragraph",
    "Section",
    "Table",
    "Tone",
    "bar_chart",
    "to_html",
    "to_markdown",
]
