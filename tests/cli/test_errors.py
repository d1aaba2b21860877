"""The CLI shows errors in the user's language, escaped, with exit code 2."""

from __future__ import annotations

import pytest

from openpes.cli import _language
from tests.cli.console import run_openpes

_openpes = run_openpes


AUDIT = ("audit", "--label", "y", "--prediction", "p", "--sensitive", "s")


def test_missing_file_error_is_in_french(tmp_path):
    result = _openpes(*AUDIT, "missing.csv", "--language", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("erreur: fichier missing.csv: ")
    assert "no file matches this path" not in result.stderr, "the reason must be French too"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["[red]x.csv", "a[/]b.csv", "[bold]"])
def test_file_names_with_markup_are_printed_as_written(tmp_path, name):
    result = _openpes(*AUDIT, name, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"file {name}" in result.stderr
    assert "MarkupError" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["audit", "--language", "de"], {}, "de"),
        (["profile", "card", "--lang=nl-BE"], {}, "nl"),
        (["audit"], {"LANG": "es_ES.UTF-8"}, "es"),
        (["audit"], {"LANG": "C.UTF-8"}, "en"),
        (["audit", "--lang", "fr"], {"LANG": "de_DE.UTF-8"}, "fr"),
        # taxonomy import's --language is the ESCO files' language, not the messages'.
        (["taxonomy", "import", "esco-fi", "--language", "fi"], {"LANG": "de_DE.UTF-8"}, "de"),
        (["taxonomy", "import", "esco-fi", "--language", "fi", "--lang", "nl"], {}, "nl"),
        (["--language", "es", "taxonomy", "import", "esco-fi", "--language", "fi"], {}, "es"),
        (["taxonomy", "info", "--lang", "fr"], {}, "fr"),
    ],
)
def test_language_comes_from_the_option_then_the_locale(monkeypatch, argv, env, expected):
    for name in ("OPENPES_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _language(argv) == expected


def test_a_database_not_migrated_or_not_running_says_what_to_do(tmp_path):
    """Not an "internal error": the user can fix it, and the message says how."""
    fresh = {
        "OPENPES_VAR_DIR": str(tmp_path / "var"),
        "OPENPES_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = _openpes("--lang", "fr", "trail", "verify", env=fresh)
    assert result.returncode == 2, result.stderr
    assert "openpes manage migrate" in result.stderr and "erreur" in result.stderr
    assert "internal" not in result.stderr and "Traceback" not in result.stderr
    down = {**fresh, "OPENPES_DATABASE_URL": "postgresql://postgres@127.0.0.1:9/openpes"}
    result = _openpes("trail", "verify", env=down)
    assert result.returncode == 2, result.stderr
    assert "OPENPES_DATABASE_URL" in result.stderr and "internal" not in result.stderr
