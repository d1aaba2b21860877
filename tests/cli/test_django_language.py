"""Commands that run through Django speak the CLI's language: a row's problem found by the
web's import validators comes out in the ``--lang`` (or the locale) the user chose, and the
language Django had before is back after the command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from openpes.cli import app
from tests.cli.console import run_openpes

# Row 2 has an age that is not a number, row 3 a sex that is not a choice; the "protected"
# kind is checked without the database or the taxonomy.
BAD_ROWS = (
    "jobseeker_id,sex,age,origin,disability\n"
    "JS-1,female,34,national,false\n"
    "JS-2,male,thirty,eu,false\n"
    "JS-3,x,51,non_eu,true\n"
)


def _bad_file(folder: Path) -> Path:
    path = folder / "protected.csv"
    path.write_text(BAD_ROWS, encoding="utf-8")
    return path


def _import(folder: Path, *before: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return run_openpes(
        *before,
        "import",
        "protected",
        str(_bad_file(folder)),
        cwd=folder,
        env={"OPENPES_VAR_DIR": str(folder / "var"), **(env or {})},
    )


def test_a_bad_row_is_reported_in_the_chosen_language(tmp_path):
    result = _import(tmp_path, "--lang", "fr")
    assert result.returncode == 2, result.stderr
    err = result.stderr
    assert "2 problèmes trouvés ; rien n'a été importé" in err, err
    assert "protected.csv, ligne 2, colonne age : 'thirty' : attendu un nombre entier" in err, err
    assert "attendu l'une des valeurs female, male" in err, err
    for english in ("a whole number", "one of female", "expected", "row 2", "problem"):
        assert english not in err, err


def test_the_locale_chooses_the_language_without_lang(tmp_path):
    result = _import(tmp_path, env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 2, result.stderr
    assert "Zeile 2, Spalte age" in result.stderr and "ganze Zahl" in result.stderr, result.stderr


def test_english_stays_english(tmp_path):
    result = _import(tmp_path)
    assert result.returncode == 2, result.stderr
    assert "2 problems found; nothing was imported" in result.stderr, result.stderr
    assert "protected.csv, row 2, column age: 'thirty': expected a whole number" in result.stderr


@pytest.mark.parametrize("before", [None, "lv"])
def test_the_language_django_had_is_back_after_the_command(tmp_path, before):
    from django.utils import translation

    translation.deactivate()
    if before:
        translation.activate(before)
    try:
        result = CliRunner().invoke(
            app, ["--lang", "fr", "import", "protected", str(_bad_file(tmp_path))]
        )
        assert result.exit_code == 2, result.output
        assert "un nombre entier" in result.output, result.output
        if before:
            assert translation.get_language() == before
        else:
            assert translation.get_language() == "en"
            # Nothing pinned on the thread: it follows the settings, as before the command.
            assert getattr(translation.trans_real._active, "value", None) is None
    finally:
        translation.deactivate()
