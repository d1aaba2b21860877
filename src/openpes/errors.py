"""The project's own exception types.

The analytics core raises these; the CLI and the web turn them into clear messages,
so a user never sees a traceback. Each error says *where* (file, column, row) and
*what was expected*.

Messages are :class:`openpes.i18n.Message` objects where the core has a translation:
``str(error)`` is English, and ``error.translate(language)`` is what the CLI and the web
show, in the language of the person who reads it.
"""

from __future__ import annotations

from typing import Any

from openpes.i18n import messages, translate

__all__ = ["ConfigurationError", "InputError", "IntegrityError", "OpenPESError"]

_ = messages("openpes")


class OpenPESError(Exception):
    """Base class of every error OpenPES raises on purpose.

    Examples
    --------
    >>> from openpes.i18n import messages
    >>> err = OpenPESError(messages("openpes")("this file does not exist"))
    >>> str(err), err.translate("en")
    ('this file does not exist', 'this file does not exist')
    """

    def __init__(self, message: Any = "", *args: object) -> None:
        self.message = message
        super().__init__(message, *args)

    def __str__(self) -> str:
        return self.translate("en")

    def translate(self, language: str) -> str:
        """The error's text in ``language`` (English where no translation exists)."""
        return translate(self.message, language)


class InputError(OpenPESError, ValueError):
    """Bad input data: a missing file or column, an invalid value.

    Parameters
    ----------
    message:
        What was wrong and what was expected (a :class:`~openpes.i18n.Message` to be
        translated where it is shown, or a plain string).
    file, column, row:
        Where the problem is, when known; they are prefixed to the message.

    Examples
    --------
    >>> str(InputError("expected a number", file="a.csv", column="age", row=3))
    "file a.csv, column 'age', row 3: expected a number"
    """

    def __init__(
        self,
        message: Any,
        *,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        self.file = file
        self.column = column
        self.row = row
        self.reason = message
        super().__init__(message)

    def translate(self, language: str) -> str:
        where = []
        if self.file is not None:
            where.append(_("file {file}").format(file=self.file).in_language(language))
        if self.column is not None:
            where.append(
                _("column {column}").format(column=repr(self.column)).in_language(language)
            )
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row).in_language(language))
        reason = translate(self.reason, language)
        return f"{', '.join(where)}: {reason}" if where else reason

    def __reduce__(self) -> tuple[Any, ...]:
        # The keyword-only places are not in ``args``; keep them when pickled.
        return (_input_error, (type(self), self.reason, self.file, self.column, self.row))


def _input_error(
    cls: type[InputError], reason: Any, file: str | None, column: str | None, row: int | None
) -> InputError:
    return cls(reason, file=file, column=column, row=row)


class ConfigurationError(OpenPESError):
    """The installation or its settings are wrong (missing secret key, bad URL, ...)."""


class IntegrityError(OpenPESError):
    """Stored data failed an integrity check (a tampered artifact or audit trail)."""
