"""``--help`` in the user's language.

A command's help is written in English where Typer expects it (the function's docstring,
``typer.Typer(help=...)``, ``typer.Option(help=...)``). Before the command line runs, the
Click command that Typer built is walked and every help text is replaced by its translation
from the catalogue ``openpes/cli/locale/<lang>/LC_MESSAGES/messages.po``, whose message ids
are the English texts exactly as Typer holds them (docstrings cleaned by ``inspect.cleandoc``).

``tests/test_translations.py`` collects the texts with :func:`help_texts`, from the command
tree itself, so a new command or option without translations fails there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openpes.i18n import DEFAULT_LANGUAGE, normalise_language, translator

__all__ = ["TYPER_TEXTS", "help_texts", "localise_help"]

#: Texts of Typer's help screen itself (panel titles and option notes), by attribute of
#: ``typer.rich_utils``, plus Click's help option.
TYPER_TEXTS: dict[str, str] = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
}
HELP_OPTION_TEXT = "Show this message and exit."


# Typer builds its commands with the Click it ships (``typer._click``), so the commands are
# typed loosely here rather than against the ``click`` package.
Command = Any


def _commands(command: Command) -> Iterator[Command]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _help_option(command: Command) -> Any:
    # Click creates (and caches) the help option per command on first use.
    return command.get_help_option(command.context_class(command, info_name=command.name))


def help_texts(root: Command) -> dict[str, str]:
    """Every help text under ``root`` -> the first command path that shows it."""
    texts: dict[str, str] = {text: "typer" for text in TYPER_TEXTS.values()}
    texts[HELP_OPTION_TEXT] = "click"
    for command in _commands(root):
        where = command.name or "openpes"
        for text in (command.help, command.short_help, command.epilog):
            if text:
                texts.setdefault(text, where)
        for param in command.params:
            text = getattr(param, "help", None)
            if text:
                texts.setdefault(text, where)
    return texts


def localise_help(root: Command, language: str) -> None:
    """Replace, in place, every help text under ``root`` by its translation into ``language``."""
    if normalise_language(language) == DEFAULT_LANGUAGE:
        return  # the texts are English already; keep `openpes --version` instant
    # Typer imports its Rich help formatter only to show help; so do we.
    import typer.rich_utils

    gettext = translator("openpes.cli", language).gettext
    for attribute, typer_text in TYPER_TEXTS.items():
        setattr(typer.rich_utils, attribute, gettext(typer_text))
    for command in _commands(root):
        for attribute in ("help", "short_help", "epilog"):
            text: str | None = getattr(command, attribute, None)
            if text:
                setattr(command, attribute, gettext(text))
        for param in command.params:
            if getattr(param, "help", None):
                param.help = gettext(param.help)
        option = _help_option(command)
        if option is not None:
            option.help = gettext(HELP_OPTION_TEXT)
