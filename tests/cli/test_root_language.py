"""``openpes --lang fr COMMAND``: a command's own ``--lang`` follows the root's when left out.

Commands with a ``--lang``/``--language`` of their own (messages, or a report's language)
used to default to English, so ``openpes --lang fr taxonomy ...`` printed English although
the docs say ``--lang`` counts anywhere on the line.
"""

from __future__ import annotations

from typer.testing import CliRunner

from openpes.cli import app

RUNNER = CliRunner()
FRENCH = "Aucune nomenclature nationale n'a été importée."
ENGLISH = "No national classification has been imported."


def test_the_root_language_reaches_a_command_with_its_own_lang():
    result = RUNNER.invoke(app, ["--lang", "fr", "taxonomy", "crosswalk", "list"])
    assert result.exit_code == 0, result.output
    assert FRENCH in result.output


def test_the_command_s_own_lang_still_wins():
    result = RUNNER.invoke(app, ["--lang", "fr", "taxonomy", "crosswalk", "list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert ENGLISH in result.output


def test_a_report_language_follows_the_root(tmp_path):
    out = tmp_path / "answers.json"
    result = RUNNER.invoke(app, ["--lang", "fr", "readiness", "template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    french = tmp_path / "answers-fr.json"
    result = RUNNER.invoke(app, ["readiness", "template", "--out", str(french), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert out.read_text() == french.read_text()
