"""The ``openpes`` command line.

One module per command group; heavy imports live inside the commands so that
``openpes --version`` answers instantly.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer._click.globals import get_current_context

from openpes import __version__
from openpes.cli import (
    _accounts,
    _api,
    _audit,
    _demo,
    _doctor,
    _exchange,
    _export,
    _import,
    _manage,
    _match,
    _oversight,
    _profile,
    _readiness,
    _register,
    _serve,
    _synth,
    _taxonomy,
    _trail,
)
from openpes.cli.click_texts import localise_click
from openpes.cli.help_texts import localise_help
from openpes.cli.language import cli_language, run_language
from openpes.cli.web_setup import database_problem, django_language
from openpes.errors import OpenPESError
from openpes.i18n import DEFAULT_LANGUAGE, normalise_language, translator

__all__ = ["app", "main"]

app = typer.Typer(
    name="openpes",
    help="OpenPES: practical, fair and human-centred AI for Public Employment Services.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"openpes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
    language: str = typer.Option(
        "",
        "--lang",
        "--language",
        help="Language of the help and the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms "
        "(default: the locale, LANG).",
    ),
) -> None:
    """OpenPES command line."""
    # The language is read from the arguments before Typer runs (see main), so that the
    # help and the errors are translated; the option is declared for --help and parsing.
    del language
    context = get_current_context(silent=True)
    if context is not None:
        # A command's own --lang/--language (its messages, or its report) left out is the
        # run's: `openpes --lang fr taxonomy info` speaks French, as the docs promise.
        context.default_map = _language_defaults(context.command, cli_language())


def _language_defaults(group: Any, language: str, path: tuple[str, ...] = ()) -> dict[str, Any]:
    """Click's ``default_map`` giving every subcommand's language option ``language``."""
    defaults: dict[str, Any] = {}
    for name, command in getattr(group, "commands", {}).items():
        words = (*path, name)
        if hasattr(command, "commands"):
            defaults[name] = _language_defaults(command, language, words)
            continue
        flags = ("--lang",) if words in _OWN_LANGUAGE_OPTION else ("--lang", "--language")
        own = {
            p.name: language
            for p in command.params
            if p.name and any(opt in flags for opt in getattr(p, "opts", ()))
        }
        if own:
            defaults[name] = own
    return defaults


app.command("serve")(_serve.serve)
app.command("doctor")(_doctor.doctor)
app.command(
    "manage",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)(_manage.manage)
app.add_typer(_trail.app, name="trail")
app.add_typer(_accounts.app, name="accounts")
app.command("demo")(_demo.demo)
app.command("synth")(_synth.synth)
app.add_typer(_taxonomy.app, name="taxonomy")
app.command("audit")(_audit.audit)
app.command("match")(_match.match)
app.add_typer(_profile.app, name="profile")
app.add_typer(_readiness.app, name="readiness")
app.add_typer(_api.app, name="api")
app.command("import")(_import.import_)
app.command("export")(_export.export)
app.add_typer(_oversight.app, name="oversight")
app.add_typer(_register.app, name="register")
app.add_typer(_exchange.app, name="exchange")


#: Commands whose own ``--language`` means something else than the messages' language:
#: ``taxonomy import --language fi`` names the language of the ESCO files.
_OWN_LANGUAGE_OPTION = {("taxonomy", "import")}


def _command_words(argv: list[str]) -> tuple[tuple[str, ...], int]:
    """The command's first two words, and where the first one stands (root options are
    before it; the root's ``--lang``/``--language`` takes a value)."""
    words: list[str] = []
    first = len(argv)
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in ("--lang", "--language") and not words:
            skip = True
        elif not arg.startswith("-"):
            first = min(first, i)
            words.append(arg)
    return tuple(words[:2]), first


def _language(argv: list[str]) -> str:
    """The language the user asked for: ``--lang``/``--language``, else the locale.

    Errors can happen before Typer has parsed the options (or while it parses them),
    so the arguments are read here directly.
    """
    words, first = _command_words(argv)
    for i, arg in enumerate(argv):
        own = words in _OWN_LANGUAGE_OPTION and i > first
        for flag in ("--lang",) if own else ("--lang", "--language"):
            if arg == flag and i + 1 < len(argv):
                return normalise_language(argv[i + 1])
            if arg.startswith(flag + "="):
                return normalise_language(arg.split("=", 1)[1])
    for variable in ("OPENPES_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable):
            return normalise_language(os.environ[variable])
    return DEFAULT_LANGUAGE


def _print_error(label: str, text: str) -> None:
    # The text is escaped: a file named "[red]x.csv" is printed as written, and a "[/]"
    # in a message cannot break the handler itself. soft_wrap: a long file name must
    # reach the terminal whole, not broken at column 80.
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]{escape(label)}:[/] {escape(text)}", highlight=False
    )


def main() -> None:
    """Entry point of the console script: clear messages instead of tracebacks."""
    with run_language(_language(sys.argv[1:])):
        _run(cli_language())


def _run(language: str) -> None:
    try:
        # Typer builds the Click command on each call; build it here once so that its help
        # texts can be translated before it runs.
        command = typer.main.get_command(app)
        localise_help(command, language)
        with localise_click(command, language):
            command()
    except OpenPESError as exc:
        label = translator("openpes", language).gettext("error")
        # A Django text in the error may be lazy: it is translated only now, as it is shown.
        with django_language(language):
            text = exc.translate(language)
        _print_error(label, text)
        sys.exit(2)
    except Exception as exc:
        if os.environ.get("OPENPES_DEBUG") == "1":
            raise
        _ = translator("openpes", language).gettext
        problem = database_problem(exc)
        if problem is not None:
            # Not a bug of ours: a database not migrated yet, or not reachable, is the user's
            # to fix, and the message says how (exit 2, like any other bad input).
            advice = {
                "tables": _(
                    "the database has no OpenPES tables yet, or lacks some: run "
                    "'openpes manage migrate' first"
                ),
                "connection": _(
                    "cannot reach the database: check OPENPES_DATABASE_URL and that the "
                    "database server is running"
                ),
            }[problem]
            _print_error(_("error"), f"{advice} ({exc})")
            sys.exit(2)
        with django_language(language):
            text = f"{exc.__class__.__name__}: {exc}"
        _print_error(
            _("internal error"),
            text + "\n" + _("Run again with OPENPES_DEBUG=1 for the details, and report it."),
        )
        sys.exit(3)
