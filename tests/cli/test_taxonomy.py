"""``openpes taxonomy info|search|show``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

from openpes.cli import app
from openpes.taxonomy import ESCO_NOTICE, Taxonomy
from tests.cli.console import run_in_process

RUNNER = CliRunner()
TAX = Taxonomy.load()
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
OPENPES = Path(sys.executable).parent / "openpes"


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["taxonomy", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_info_shows_counts_and_the_notice(snapshot: SnapshotAssertion) -> None:
    code, out = run("info")
    assert code == 0
    assert ESCO_NOTICE in out
    assert "1.2.0" in out and f"{TAX.occupations.height:,}" in out
    assert f"{TAX.occupation_skills.height:,}" in out
    assert out == snapshot


def test_info_speaks_french_but_keeps_the_notice_verbatim() -> None:
    code, out = run("info", "--lang", "fr")
    assert code == 0
    assert "Professions" in out and "Compétences" in out
    assert ESCO_NOTICE in out


def test_search_prints_a_table() -> None:
    code, out = run("search", "forklift driver", "--limit", "3")
    assert code == 0
    first_row = next(line for line in out.splitlines() if "forklift operator" in line)
    assert "forklift driver" in first_row  # the alternative label that matched
    assert TAX.search("forklift driver")[0].uri in out


def test_search_skills() -> None:
    code, out = run("search", "python", "--kind", "skill", "--limit", "2")
    assert code == 0 and "Python (computer programming)" in out


def test_search_rejects_an_unknown_kind() -> None:
    code, out = run("search", "welder", "--kind", "vacancy")
    assert code == 2 and "--kind" in out


def test_show_an_occupation() -> None:
    code, out = run("show", WELDER)
    assert code == 0
    assert "7212" in out and "Welders and flamecutters" in out
    first_essential = TAX.label(TAX.skills_of(WELDER, relation="essential")[0])
    assert first_essential in out


def test_show_a_skill() -> None:
    skill = TAX.skills_of(WELDER, relation="essential")[0]
    code, out = run("show", skill)
    assert code == 0
    assert TAX.label(skill) in out and "welder" in out


@pytest.mark.parametrize("uri", ["http://data.europa.eu/esco/isco/C72", TAX.skill_groups["uri"][0]])
def test_show_a_group(uri: str) -> None:
    code, out = run("show", uri)
    assert code == 0 and TAX.label(uri) in out


def test_show_an_unknown_uri_is_a_clean_error() -> None:
    result = RUNNER.invoke(app, ["taxonomy", "show", "http://example.org/nothing"])
    assert result.exit_code == 2
    assert "unknown URI" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_console_script() -> None:
    done = subprocess.run(
        [str(OPENPES), "taxonomy", "info"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert ESCO_NOTICE in done.stdout
    bad = subprocess.run(
        [str(OPENPES), "taxonomy", "show", "http://example.org/nothing"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and "unknown URI" in bad.stderr


def test_show_an_unknown_uri_says_so_in_the_chosen_language() -> None:
    result = RUNNER.invoke(app, ["--lang", "fr", "taxonomy", "show", "http://example.org/[x]"])
    assert result.exit_code == 2
    assert "URI inconnue http://example.org/[x]" in result.output, result.output


FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
CV = "I operated forklifts in a warehouse for five years.\n- Fluent in Spanish."


def test_extract_lists_the_skills_found_with_the_text_they_came_from() -> None:
    code, out = run("extract", CV)
    assert code == 0, out
    row = next(line for line in out.splitlines() if "operate forklift" in line)
    assert "operated forklifts" in row  # the span, beside the skill it suggests
    assert FORKLIFT in out and "Spanish" in out
    assert [h.uri for h in TAX.extract_skills(CV)][0] == FORKLIFT
    assert "confirms each skill" in out


def test_extract_reads_a_file_or_standard_input(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(CV.encode("utf-16"))
    code, out = run("extract", "--file", str(path))
    assert code == 0 and FORKLIFT in out, out
    result = RUNNER.invoke(
        app, ["taxonomy", "extract", "--file", "-"], input=CV, env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0 and FORKLIFT in result.output, result.output


def test_extract_of_a_text_without_skills_says_so_in_the_chosen_language() -> None:
    code, out = run("extract", "Bonjour.", "--lang", "fr")
    assert code == 0 and "Aucune compétence ESCO" in out, out


def test_extract_needs_exactly_one_text(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out = run_in_process(["taxonomy", "extract"], monkeypatch, capsys)
    assert code == 2 and "error: give the text, or --file" in out, out
    path = tmp_path / "cv.txt"
    path.write_text(CV)
    code, out = run_in_process(
        ["taxonomy", "extract", CV, "--file", str(path)], monkeypatch, capsys
    )
    assert code == 2 and "(not both)" in out, out
