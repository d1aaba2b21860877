"""The project's own exception types.

The analytics core raises these; the CLI and the web turn them into clear messages,
so a user never sees a traceback. Each error says *where* (file, column, row) and
*what was expected*.
"""

from __future__ import annotations

__all__ = ["ConfigurationError", "InputError", "IntegrityError", "OpenPESError"]


class OpenPESError(Exception):
    """Base class of every error OpenPES raises on purpose."""


class InputError(OpenPESError, ValueError):
    """Bad input data: a missing file or column, an invalid value.

    Parameters
    ----------
    message:
        What was wrong and what was expected.
    file, column, row:
        Where the problem is, when known; they are prefixed to the message.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        self.file = file
        self.column = column
        self.row = row
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class ConfigurationError(OpenPESError):
    """The installation or its settings are wrong (missing secret key, bad URL, ...)."""


class IntegrityError(OpenPESError):
    """Stored data failed an integrity check (a tampered artifact or audit trail)."""
