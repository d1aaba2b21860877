"""The language of one run of ``openpes``: the CLI's own messages, and Django's while it runs.

:func:`openpes.cli.main` reads the language from the command line and the environment before
Typer runs (``--lang`` anywhere, else ``OPENPES_LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)
and holds it here for the run with :func:`run_language`. A command asks :func:`cli_language`;
commands have no ``--lang`` of their own for this, so the choice has to travel beside Click.

A command run in-process without ``main()`` (Typer's ``CliRunner`` in tests) has only the
root's ``--lang``: the caller's locale is not read then, so such tests do not depend on the
developer's ``LANG``.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from openpes.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LocalisedText,
    normalise_language,
    translator,
)

__all__ = ["cli_language", "cli_number", "cli_translator", "run_language"]

_RUN_LANGUAGE: ContextVar[str | None] = ContextVar("openpes_cli_language", default=None)


@contextmanager
def run_language(language: str) -> Iterator[str]:
    """Within the block, :func:`cli_language` is ``language`` (normalised)."""
    token = _RUN_LANGUAGE.set(normalise_language(language))
    try:
        yield normalise_language(language)
    finally:
        _RUN_LANGUAGE.reset(token)


def _root_option() -> str | None:
    # Typer runs on the Click it vendors; its context knows the root's parsed --lang.
    from typer._click.globals import get_current_context

    context = get_current_context(silent=True)
    if context is None:
        return None
    given = context.find_root().params.get("language")
    return normalise_language(given) if given else None


def cli_language() -> str:
    """The language this run of the command line speaks: one of ``LANGUAGES``.

    Examples
    --------
    >>> with run_language("fr_BE.UTF-8"):
    ...     cli_language()
    'fr'
    >>> cli_language()
    'en'
    """
    language = _RUN_LANGUAGE.get() or _root_option() or DEFAULT_LANGUAGE
    # A language we do not ship is shown in English, as gettext's fallback would.
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def cli_translator() -> gettext.NullTranslations:
    """The CLI's own catalogue (``openpes/cli/locale``) in :func:`cli_language`.

    Examples
    --------
    >>> with run_language("en"):
    ...     cli_translator().ngettext("{n} problem found; nothing was imported",
    ...                               "{n} problems found; nothing was imported", 2)
    '{n} problems found; nothing was imported'
    """
    return translator("openpes.cli", cli_language())


def cli_number(value: object, digits: int = 0) -> str:
    """``value`` written as :func:`cli_language` writes numbers (``13 864`` in French).

    The reports' own formatter (:class:`openpes.i18n.LocalisedText`), so that a count the CLI
    prints reads as the same count in a report. Machine output (JSON, CSV, ids) keeps ``str``.

    Examples
    --------
    >>> with run_language("fr"):
    ...     cli_number(13864) == "13\u202f864", cli_number(0.7081, 3)
    (True, '0,708')
    """
    return LocalisedText("openpes.cli", cli_language()).number(value, digits)
