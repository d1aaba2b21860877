"""Click's and Typer's own texts (usage errors, "Usage:", "Try ... for help.") are translated."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
import typer.core
import typer.rich_utils
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from openpes.cli import app
from openpes.cli.click_texts import (
    GETTEXT_TEXTS,
    PLAIN_TEXTS,
    RICH_TEXTS,
    TEMPLATES,
    USAGE_TEXT,
    localise_click,
    translate_message,
)
from openpes.cli.help_texts import TYPER_TEXTS
from openpes.i18n import LANGUAGES
from tests.cli.console import run_openpes

LOCALE = Path(__file__).resolve().parents[2] / "src" / "openpes" / "cli" / "locale"


_openpes = run_openpes


UNKNOWN_OPTION = ("audit", "--foo")
MISSING_ARGUMENT = ("audit",)
BAD_CHOICE = ("oversight", "run", "--format", "xx")

# (arguments, English text that must be gone, translated texts that must be there)
CASES = {
    "fr": [
        (UNKNOWN_OPTION, "No such option", ["Option inconnue : --foo", "Utilisation :", "Erreur"]),
        (MISSING_ARGUMENT, "Missing argument", ["Argument 'input' manquant.", "pour obtenir de"]),
        (BAD_CHOICE, "Invalid value", ["Valeur invalide pour '--format'", "ne fait pas partie"]),
    ],
    "lv": [
        (UNKNOWN_OPTION, "No such option", ["Nav tādas opcijas: --foo", "Lietojums:", "Kļūda"]),
        (MISSING_ARGUMENT, "Missing argument", ["Trūkst argumenta 'input'.", "Palīdzībai"]),
        (BAD_CHOICE, "Invalid value", ["Nederīga vērtība '--format'", "nav neviena no"]),
    ],
}


@pytest.mark.parametrize(
    ("language", "args", "english", "expected"),
    [(lang, *case) for lang, cases in CASES.items() for case in cases],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_usage_errors_come_out_in_the_language(language, args, english, expected):
    result = _openpes("--lang", language, *args)
    assert result.returncode == 2, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    assert english not in result.stderr
    assert "Usage:" not in result.stderr and "for help" not in result.stderr


def test_the_locale_picks_the_language_of_errors():
    result = _openpes(*UNKNOWN_OPTION, env={"LANG": "lv_LV.UTF-8"})
    assert result.returncode == 2
    assert "Nav tādas opcijas: --foo" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["Fehler: Unbekannte Option: --foo", "Hilfe mit '", "Aufruf:"]),
        ("fr", ["Erreur : Option inconnue : --foo", "pour obtenir de l’aide.", "Utilisation :"]),
    ],
)
def test_usage_errors_without_rich_come_out_in_the_language(language, expected):
    # Typer then calls the exception's own show(), whose lines are f-strings in Click.
    result = _openpes("--lang", language, *UNKNOWN_OPTION, env={"TYPER_USE_RICH": "0"})
    assert result.returncode == 2, result.stderr
    assert "╭" not in result.stderr, "this is the plain-text path"
    for text in expected:
        assert text in result.stderr, result.stderr
    for english in ("Error:", "No such option", "for help", "Usage:"):
        assert english not in result.stderr, result.stderr


def test_english_errors_without_rich_stay_english():
    result = _openpes(*UNKNOWN_OPTION, env={"TYPER_USE_RICH": "0"})
    assert result.returncode == 2
    assert "Error: No such option: --foo" in result.stderr, result.stderr
    assert "Try '" in result.stderr and "for help." in result.stderr


def test_english_errors_stay_english():
    result = _openpes(*UNKNOWN_OPTION)
    assert result.returncode == 2
    assert "No such option: --foo" in result.stderr and "Usage:" in result.stderr
    assert "for help." in result.stderr


# Usage errors the command tree really raises, one per template family, so that a new
# wording in Typer or Pydantic shows up here as an untranslated message.
RAISED = [
    ["audit", "--foo"],
    ["audit"],
    ["oversight", "run", "--format", "xx"],
    ["audti"],
    ["nosuchcommand"],
    ["serve", "one", "two"],
    ["match", "--k"],
    ["synth", "--jobseekers", "x", "--vacancies", "1", "--trainings", "1"],
    ["synth", "--jobseekers", "0", "--vacancies", "1", "--trainings", "1"],
    ["match", "--k", "1001"],
]


def _error(args: list[str], language: str) -> str:
    """The message the user sees: Typer's gettext texts translated at source, then the rest."""
    command = typer.main.get_command(app)
    with localise_click(command, language):
        with pytest.raises(typer._click.exceptions.UsageError) as caught:
            command.main(args, prog_name="openpes", standalone_mode=False)
        return translate_message(caught.value.format_message(), language)


@pytest.mark.parametrize("args", RAISED, ids=" ".join)
@pytest.mark.parametrize("language", ["fr", "fi", "ko"])
def test_every_raised_usage_error_has_a_template(args, language):
    english = _error(args, "en")
    translated = _error(args, language)
    assert translated != english
    # What the user typed reaches them unchanged.
    for quoted in re.findall(r"'[^']*'", english):
        assert quoted in translated, (english, translated)


def test_plural_forms_follow_the_count():
    one = translate_message("Got unexpected extra argument(s) (a)", "lv")
    two = translate_message("Got unexpected extra argument(s) (a b)", "lv")
    assert one == "Negaidīts papildu arguments (a)"
    assert two == "Negaidīti papildu argumenti (a b)"
    # Latvian has a third form, for 0, 10 and 11-19.
    eleven = translate_message("Argument 'x' takes 11 values.", "lv")
    assert eleven == "Argumentam 'x' nepieciešams 11 vērtību."
    assert translate_message("Argument 'x' takes 2 values.", "de") == (
        "Das Argument 'x' erwartet 2 Werte."
    )


def test_the_hooks_are_undone_after_the_run():
    command = typer.main.get_command(app)
    exceptions = typer._click.exceptions

    def hooked() -> tuple[object, ...]:
        return (
            typer.core._,
            typer.rich_utils.rich_format_error,
            typer.rich_utils.RICH_HELP,
            exceptions.ClickException.show,
            exceptions.UsageError.show,
        )

    before = hooked()
    context_class = command.context_class
    with localise_click(command, "fr"):
        assert typer.core._("Missing command.") == "Commande manquante."
        context = command.context_class(command, info_name="openpes")
        assert command.get_usage(context).startswith("Utilisation : openpes")
        shown = io.StringIO()
        exceptions.NoSuchOption("--foo", ctx=context).show(shown)
        assert "Erreur : Option inconnue : --foo" in shown.getvalue(), shown.getvalue()
    assert hooked() == before
    assert command.context_class is context_class


def _marked(module: object) -> set[str]:
    source = Path(module.__file__).read_text()  # type: ignore[attr-defined]
    found = extract_python(io.BytesIO(source.encode()), ["_"], [], {})
    return {message for _, _, message, _ in found if isinstance(message, str)}


def test_every_text_typer_marks_for_gettext_is_handled():
    assert _marked(typer.core) <= set(GETTEXT_TEXTS)
    assert _marked(typer.rich_utils) <= set(RICH_TEXTS.values()) | set(TYPER_TEXTS.values())


def _msgids() -> dict[str, str | None]:
    ids: dict[str, str | None] = dict.fromkeys(
        (*GETTEXT_TEXTS, *RICH_TEXTS.values(), *PLAIN_TEXTS.values(), USAGE_TEXT)
    )
    for template in TEMPLATES:
        ids[template.msgid] = template.plural
    return ids


def _fields(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^}]*\}", text))


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_click_text_is_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "click.po").open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    for msgid, plural in _msgids().items():
        message = catalogue.get((msgid, plural) if plural else msgid)
        message = message or catalogue.get(msgid)
        assert message is not None, f"{language}: {msgid!r} missing from click.po"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {msgid!r} untranslated"
        assert (message.pluralizable and message.id[1]) == (plural or False), msgid
        for text in strings:
            # The fields are filled in by name; a translation must keep every one.
            assert _fields(text) == _fields(plural or msgid), (language, msgid, text)
