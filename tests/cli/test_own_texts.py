"""What the CLI prints itself (not its help) is translated, and counts are real plurals.

``tests/test_translations.py`` checks the core packages and the CLI's help, not the texts a
command prints through ``openpes.cli.language.cli_translator()``; this does. A module that uses
it calls ``.gettext``/``.ngettext`` on it (or binds ``_`` to its ``gettext``); those texts must be
in ``src/openpes/cli/locale/<lang>/LC_MESSAGES/messages.po`` for every language.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from openpes.cli.language import cli_translator, run_language
from openpes.i18n import LANGUAGES

CLI = Path(__file__).resolve().parents[2] / "src" / "openpes" / "cli"
_OWN_UNDERSCORE = re.compile(r"^\s*_ = (texts|cli_translator\(\))\.gettext\b", re.MULTILINE)


def _own_texts() -> dict[str, tuple[str, str | None]]:
    """msgid -> (module, plural msgid or None), for every module that uses cli_translator."""
    found: dict[str, tuple[str, str | None]] = {}
    for path in sorted(CLI.glob("*.py")):
        source = path.read_text()
        if "cli_translator" not in source or path.name == "language.py":
            continue
        keywords = {"gettext": None, "ngettext": (1, 2)}
        if _OWN_UNDERSCORE.search(source):
            keywords["_"] = None
        for _, _, message, _ in extract_python(io.BytesIO(source.encode()), keywords, [], {}):
            if isinstance(message, tuple | list):
                found[message[0]] = (path.name, message[1])
            elif message:
                found[message] = (path.name, None)
    return found


def test_the_commands_that_print_counts_are_scanned():
    modules = {module for module, _ in _own_texts().values()}
    assert {
        "_import.py",
        "_oversight.py",
        "_demo.py",
        "_trail.py",
        "_register.py",
        "_serve.py",
        "_doctor.py",
        "_api.py",
        "_exchange.py",
    } <= modules
    assert not [text for text in _own_texts() if "(s)" in text], "use ngettext for a count"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_text_the_cli_prints_is_translated(language):
    with (CLI / "locale" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    problems = []
    for msgid, (module, plural) in _own_texts().items():
        message = catalogue.get((msgid, plural) if plural else msgid) or catalogue.get(msgid)
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if message is None or not all(strings):
            problems.append(f"{module}: {msgid!r}")
        elif plural and not (message.pluralizable and len(strings) == catalogue.num_plurals):
            problems.append(f"{module}: {msgid!r} needs {catalogue.num_plurals} plural forms")
    assert not problems, f"{language}: translate in openpes/cli/locale messages.po: {problems}"


@pytest.mark.parametrize(("n", "expected"), [(1, "1 Problem gefunden"), (3, "3 Probleme gefunden")])
def test_a_count_chooses_its_plural_form(n, expected):
    with run_language("de"):
        texts = cli_translator()
    text = texts.ngettext(
        "{n} problem found; nothing was imported", "{n} problems found; nothing was imported", n
    ).format(n=n)
    assert text.startswith(expected), text
