"""The oversight report in the one report layer."""

from __future__ import annotations

from openpes.i18n import Language
from openpes.oversight._results import MonitorName, OversightRun
from openpes.reports import Document

__all__ = ["oversight_document"]


def oversight_document(
    run: OversightRun,
    *,
    language: Language = "en",
    monitor: tuple[str, MonitorName] | MonitorName | None = None,
) -> Document:
    """The run as a document; ``monitor`` limits it to one monitor (of one system)."""
    raise NotImplementedError
