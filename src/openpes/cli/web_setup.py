"""Starting Django from the command line, with clean errors instead of tracebacks.

Django's gettext speaks the run's language (:func:`openpes.cli.language.cli_language`) from
:func:`django_setup` until the command ends, so what the web's services and validators say
(a row's problem, a refusal) comes out in the ``--lang`` the user chose, as the CLI's own
texts do. Django keeps the active language on the thread: the language in force before is
put back when the command's Click context closes, so an in-process run (a test with Typer's
``CliRunner``) leaves the next test in the language it found.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from openpes.errors import ConfigurationError

__all__ = ["database_problem", "django_language", "django_setup"]


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from typer._click.globals import get_current_context

    from openpes.cli.language import cli_language

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise ConfigurationError(str(exc)) from exc
    context = get_current_context(silent=True)
    if context is not None:
        # The root's context closes last, after the command and its error (if any) unwound.
        context.find_root().with_resource(django_language(cli_language()))


def _django_ready() -> bool:
    # Not imported here if the command never needed Django: `openpes --version` stays instant.
    if "django.apps" not in sys.modules:
        return False
    from django.apps import apps

    return apps.ready


@contextmanager
def django_language(language: str) -> Iterator[None]:
    """Within the block Django translates into ``language``; after it, as before.

    Nothing happens when Django is not set up: the CLI's error handler wraps every message
    in this, and a lazy Django text inside an error is only translated when it is printed.
    """
    if not _django_ready():
        yield
        return
    from django.conf import settings
    from django.utils import translation

    # get_language() gives the default language when none is active; deactivating then
    # leaves the thread as Django starts it, rather than with the default pinned.
    before = translation.get_language()
    translation.activate(language)
    try:
        yield
    finally:
        if before is None:
            translation.deactivate_all()
        elif before == settings.LANGUAGE_CODE:
            translation.deactivate()
        else:
            translation.activate(before)


def database_problem(exc: BaseException) -> str | None:
    """``"tables"`` or ``"connection"`` when ``exc`` is the database saying it is not set up
    or cannot be reached (something the user can fix), else None.

    Read from the exception's module and text, so that a command that never started Django
    does not import it here: SQLite says "no such table", PostgreSQL 'relation "x" does not
    exist'; a refused or failed connection is an ``OperationalError`` naming the connection.
    """
    if not type(exc).__module__.startswith(("django.db", "psycopg", "sqlite3")):
        return None
    text = str(exc).lower()
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return "tables"
    if type(exc).__name__ == "OperationalError" and (
        "connect" in text or "connection" in text or "unable to open database" in text
    ):
        return "connection"
    return None
