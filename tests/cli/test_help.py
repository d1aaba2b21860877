"""``--help`` is shown in the user's language: ``--lang``/``--language`` first, then the locale."""

from __future__ import annotations

import pytest

from tests.cli.console import run_openpes

_openpes = run_openpes


def test_root_help_is_finnish_with_lang():
    result = _openpes("--lang", "fi", "--help")
    assert result.returncode == 0, result.stderr
    assert "Valitsimet" in result.stdout and "Komennot" in result.stdout
    assert "Näytä versio ja lopeta." in result.stdout
    assert "Show the version and exit." not in result.stdout


def test_command_help_follows_the_locale():
    result = _openpes("audit", "--help", env={"LANG": "fi_FI.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "Tarkasta päätökset ryhmien välisten erojen varalta." in result.stdout
    assert "[pakollinen]" in result.stdout


def test_the_option_wins_over_the_locale():
    result = _openpes("--lang", "ko", "taxonomy", "--help", env={"LANG": "de_DE.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "ESCO 역량·직업 분류 체계" in result.stdout


@pytest.mark.parametrize("language", ["en", "C"])
def test_english_stays_english(language):
    result = _openpes("--help", env={"LANG": language})
    assert "Show the version and exit." in result.stdout


def test_search_help_describes_the_hybrid_skill_search():
    # The help said "fuzzy search over labels" after skill search had become hybrid retrieval.
    english = _openpes("taxonomy", "search", "--help", env={"LANG": "C"})
    assert "skills by label and meaning" in " ".join(english.stdout.split())
    assert "Fuzzy" not in english.stdout
    french = _openpes("--lang", "fr", "taxonomy", "search", "--help")
    assert "compétences par intitulé et par sens" in " ".join(french.stdout.split())
