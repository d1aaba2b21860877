"""Click's and Typer's own texts (usage errors, "Usage:", "Try ... for help.") translated.

Typer runs on the Click it vendors (``typer._click``), and that copy has no gettext at all:
its messages are f-strings ("No such option: --foo", "Missing argument 'FILE'.", "Got
unexpected extra argument(s) (x)"). Typer itself marks a few texts with the stdlib
``gettext`` (in ``typer.core`` at call time, in ``typer.rich_utils`` once at import). So three
small hooks, each on one name, are enough, and :func:`localise_click` undoes them on exit:

* ``typer.core._`` (the stdlib ``gettext`` Typer bound at import) becomes the ``gettext`` of
  our catalogue ``openpes/cli/locale/<lang>/LC_MESSAGES/click.po``; the global gettext domain
  and the environment are left alone.
* the module-level strings of ``typer.rich_utils`` that :mod:`openpes.cli.help_texts` does not
  already translate ("Error", "Aborted.", "Try ... for help.") are replaced, as ``help_texts`` does.
* ``typer.rich_utils.rich_format_error``, which Typer calls with every usage error, first
  translates the exception's message: the English text Click built is matched against the
  templates in :data:`TEMPLATES` (the f-strings of ``typer._click`` with named fields) and
  rebuilt from the translated template, fields kept as the user typed them.
* every command of the tree gets a context class whose help formatter writes "Usage:" in
  the user's language (Click's ``Context.formatter_class`` is meant to be replaced).
* without Rich (``TYPER_USE_RICH=0``, or Rich not installed) Typer calls the exception's own
  ``show()``, which writes "Error: ..." and "Try ... for help." as f-strings: ``show`` of
  ``ClickException`` and ``UsageError`` (the subclasses inherit it) is replaced by one that
  writes the same lines from :data:`PLAIN_TEXTS`, with the message translated as above.

A message that matches no template (a new Typer wording, a Pydantic message we do not
know) is shown in English rather than guessed. ``tests/cli/test_click_texts.py`` checks that
every text Typer marks for gettext has a msgid here and that every msgid is translated.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from openpes.i18n import DEFAULT_LANGUAGE, normalise_language

__all__ = [
    "GETTEXT_TEXTS",
    "PLAIN_TEXTS",
    "RICH_TEXTS",
    "TEMPLATES",
    "localise_click",
    "translate_message",
]

DOMAIN = "click"

#: Texts ``typer.core`` passes to the stdlib ``gettext`` (its ``_``), looked up as they are.
GETTEXT_TEXTS: tuple[str, ...] = (
    "(dynamic)",
    "Aborted!",
    "default: {default}",
    "required",
    "env var: {var}",
    "Arguments",
    "Options",
    "Commands",
    "Missing command.",
    "No such command {name!r}.",
)

#: Module-level texts of ``typer.rich_utils`` left to us by ``help_texts.TYPER_TEXTS``.
RICH_TEXTS: dict[str, str] = {
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "ENVVAR_STRING": "[env var: {}]",
}

USAGE_TEXT = "Usage:"

#: The lines ``typer._click.exceptions`` writes itself when Typer shows an error without Rich.
PLAIN_TEXTS: dict[str, str] = {
    "error": "Error: {message}",
    "help": "Try '{command} {option}' for help.",
}


@dataclass(frozen=True)
class Template:
    """An English message as Click or Typer builds it, and the msgid that translates it.

    ``pattern`` is the English text with named fields; it defaults to ``msgid``. A plural
    template names the plural msgid and how to count (from the matched fields). Fields in
    ``nested`` hold a message of their own (``Invalid value for '--k': <message>``).
    """

    msgid: str
    pattern: str = ""
    plural: str | None = None
    count: Callable[[dict[str, str]], int] | None = None
    nested: tuple[str, ...] = ()
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = self.pattern or self.msgid
        object.__setattr__(self, "pattern", pattern)
        # Fields are lazy: with fullmatch, each takes the least text that lets the rest match,
        # so "Invalid value for {name}: {message}" splits at the first ": ".
        parts = re.split(r"\{(\w+)\}", pattern)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        object.__setattr__(self, "regex", re.compile(regex, re.DOTALL))


def _number(name: str) -> Callable[[dict[str, str]], int]:
    return lambda fields: int(fields[name])


def _words(name: str) -> Callable[[dict[str, str]], int]:
    # Click joins the extra arguments with spaces, so an argument that itself holds a space
    # counts twice; that only changes singular to plural.
    return lambda fields: len(fields[name].split())


#: Click's and Typer's usage-error messages (typer 0.29), most specific first.
TEMPLATES: tuple[Template, ...] = (
    # typer._click.exceptions
    Template("{message} (Possible options: {options})", nested=("message",)),
    Template("No such option: {name}"),
    Template("Missing argument {name}. {details}", nested=("details",)),
    Template("Missing option {name}. {details}", nested=("details",)),
    Template("Missing parameter {name}. {details}", nested=("details",)),
    Template("Missing argument {name}."),
    Template("Missing option {name}."),
    Template("Missing parameter {name}."),
    Template("Invalid value for {name}: {message}", nested=("message",)),
    Template("Invalid value: {message}", nested=("message",)),
    Template("Could not open file {name}: {reason}"),
    # typer._click.core and typer._click.parser
    Template(
        "Got unexpected extra argument ({args})",
        pattern="Got unexpected extra argument(s) ({args})",
        plural="Got unexpected extra arguments ({args})",
        count=_words("args"),
    ),
    Template("Option {name} does not take a value."),
    Template("Option {name} requires an argument."),
    Template(
        "Option {name} requires {n} argument.",
        pattern="Option {name} requires {n} arguments.",
        plural="Option {name} requires {n} arguments.",
        count=_number("n"),
    ),
    Template(
        "Argument {name} takes {n} value.",
        pattern="Argument {name} takes {n} values.",
        plural="Argument {name} takes {n} values.",
        count=_number("n"),
    ),
    # typer.core (after its gettext) and typer._param_types / typer._coercion
    Template("{message}. Did you mean {suggestions}?", nested=("message",)),
    Template("Choose from:\n\t{choices}"),
    # Pydantic, which Typer uses to convert values (first error only); before the templates
    # that start with a field, which would take its prefix as their value
    Template("Value error, {message}", nested=("message",)),
    Template("{value} is not one of {choices}."),
    Template("Value {value} is not a valid {kind}."),
    Template("Input should be a valid integer, unable to parse string as an integer"),
    Template("Input should be a valid integer, got a number with a fractional part"),
    Template("Input should be a valid number, unable to parse string as a number"),
    Template("Input should be a valid boolean, unable to interpret input"),
    Template("Input should be greater than or equal to {limit}"),
    Template("Input should be greater than {limit}"),
    Template("Input should be less than or equal to {limit}"),
    Template("Input should be less than {limit}"),
)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    localedir = str(files("openpes.cli") / "locale")
    return gettext.translation(DOMAIN, localedir, languages=[language], fallback=True)


def translate_message(text: str, language: str) -> str:
    """``text``, a message Click or Typer built in English, in ``language``.

    Examples
    --------
    >>> translate_message("No such option: --foo", "fr")
    'Option inconnue : --foo'
    >>> translate_message("something else", "fr")
    'something else'
    """
    catalogue = _catalogue(normalise_language(language))
    for template in TEMPLATES:
        match = template.regex.fullmatch(text)
        if match is None:
            continue
        fields = match.groupdict()
        for name in template.nested:
            fields[name] = translate_message(fields[name], language)
        if template.plural is not None and template.count is not None:
            translated = catalogue.ngettext(template.msgid, template.plural, template.count(fields))
        else:
            translated = catalogue.gettext(template.msgid)
        # str.replace, not str.format: a field may hold braces ("{input}").
        for name, value in fields.items():
            translated = translated.replace("{" + name + "}", value)
        return translated
    return text


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _context_class(base: Any, usage: str) -> type:
    formatter_base = base.formatter_class

    class Formatter(formatter_base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage if prefix is None else prefix)

    return type("LocalisedContext", (base,), {"formatter_class": Formatter})


def _plain_show(catalogue: gettext.NullTranslations, language: str) -> Callable[..., None]:
    """``show()`` of Click's exceptions, as ``typer._click.exceptions`` writes it, translated."""
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    def show(exc: Any, file: Any = None) -> None:
        if file is None:
            file = get_text_stderr()
        context = getattr(exc, "ctx", None)
        color = context.color if context is not None else exc.show_color
        if context is not None:
            hint = ""
            if context.command.get_help_option(context) is not None:
                hint = (
                    catalogue.gettext(PLAIN_TEXTS["help"])
                    .replace("{command}", context.command_path)
                    .replace("{option}", context.help_option_names[0])
                    + "\n"
                )
            echo(f"{context.get_usage()}\n{hint}", file=file, color=color)
        message = translate_message(exc.format_message(), language)
        # str.replace, not str.format: the message may hold braces.
        echo(
            catalogue.gettext(PLAIN_TEXTS["error"]).replace("{message}", message),
            file=file,
            color=color,
        )

    return show


@contextmanager
def localise_click(root: Any, language: str) -> Iterator[None]:
    """Within the block, Click's and Typer's texts for ``root`` come out in ``language``."""
    language = normalise_language(language)
    if language == DEFAULT_LANGUAGE:
        yield  # nothing to translate; keep `openpes --version` instant
        return
    # Typer imports its Rich formatter only to show help or an error; so do we.
    import typer.core
    import typer.rich_utils

    catalogue = _catalogue(language)
    saved: list[tuple[Any, str, Any]] = []

    def replace(owner: Any, name: str, value: Any) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    replace(typer.core, "_", catalogue.gettext)
    for attribute, text in RICH_TEXTS.items():
        replace(typer.rich_utils, attribute, catalogue.gettext(text))
    show_error = typer.rich_utils.rich_format_error

    def rich_format_error(exc: Any) -> None:
        message = translate_message(exc.format_message(), language)
        exc.format_message = lambda: message  # this exception only, as it is shown
        show_error(exc)

    replace(typer.rich_utils, "rich_format_error", rich_format_error)
    from typer._click.exceptions import ClickException, UsageError

    show = _plain_show(catalogue, language)
    replace(ClickException, "show", show)
    replace(UsageError, "show", show)
    usage = catalogue.gettext(USAGE_TEXT) + " "
    for command in _commands(root):
        replace(command, "context_class", _context_class(command.context_class, usage))
    try:
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)
