"""``openpes readiness template|score|share|framework``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.readiness import (
    demo_organisations,
    export_json,
    load_framework,
    load_json,
    roadmap,
    score,
)

RUNNER = CliRunner()
OPENPES = Path(sys.executable).parent / "openpes"
FW = load_framework()


def run(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["readiness", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    export_json(demo_organisations()[2], path)
    return path


def test_template_then_fill_in_then_score(tmp_path: Path):
    path = tmp_path / "answers.json"
    code, out = run("template", "--out", str(path), "--organisation", "PES of Examplia (fictional)")
    assert code == 0 and "Written to" in out
    data = json.loads(path.read_text())
    for respondent in data["respondents"]:
        respondent["answers"] = dict.fromkeys(respondent["answers"], 3)
    data["respondents"][0]["answers"]["legal.basis"] = "dont_know"
    path.write_text(json.dumps(data))
    code, out = run("score", str(path), "--format", "json")
    assert code == 0
    result = json.loads(out)["result"]
    expected = score(load_json(path))
    assert result["score"] == pytest.approx(expected.score)
    assert result["low"] < result["score"] <= result["high"]


def test_score_json_is_reloadable(answers: Path, tmp_path: Path):
    out_file = tmp_path / "scored.json"
    code, _ = run("score", str(answers), "--format", "json", "--out", str(out_file))
    assert code == 0
    assert load_json(out_file) == load_json(answers)


def test_score_markdown_in_french(answers: Path):
    code, out = run("score", str(answers), "--format", "md", "--lang", "fr")
    assert code == 0
    assert "## Feuille de route" in out and "PES of Glimmerfjord (fictional)" in out


def test_score_csv_is_the_action_plan(answers: Path):
    code, out = run("score", str(answers), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[2] for r in rows[1:]] == [
        a.action_id for a in roadmap(score(load_json(answers))).actions
    ]


def test_score_html_with_demo_peers(answers: Path, tmp_path: Path):
    report = tmp_path / "report.html"
    code, _ = run(
        "score",
        str(answers),
        "--format",
        "html",
        "--demo-peers",
        "--group-by",
        "size_band",
        "--out",
        str(report),
    )
    assert code == 0
    page = report.read_text()
    assert page.startswith("<!DOCTYPE html>") and "12 organisations shared" in page


def test_share_then_benchmark_with_a_peers_file(answers: Path, tmp_path: Path):
    peers = []
    for k, org in enumerate(demo_organisations()[:5]):
        path = tmp_path / f"org{k}.json"
        export_json(org, path)
        code, out = run("share", str(path))
        assert code == 0
        peers += json.loads(out)
    assert not any("fictional" in json.dumps(p) for p in peers)
    peers_file = tmp_path / "peers.json"
    peers_file.write_text(json.dumps(peers))
    code, out = run("score", str(answers), "--peers", str(peers_file))
    assert code == 0 and "5 organisations shared" in out
    peers_file.write_text(json.dumps(peers[:4]))
    code, out = run("score", str(answers), "--peers", str(peers_file))
    assert code == 0 and "Fewer than 5 organisations" in out and "Median" not in out


def test_share_refuses_without_opt_in(tmp_path: Path):
    import dataclasses

    path = tmp_path / "private.json"
    export_json(dataclasses.replace(demo_organisations()[0], share=False), path)
    result = RUNNER.invoke(app, ["readiness", "share", str(path)])
    assert result.exit_code != 0
    assert "opted in" in str(result.exception)


def test_framework_command_lists_the_dimensions():
    code, out = run("framework", "--lang", "nl")
    assert code == 0
    assert FW.dimension("legal").title["nl"] in out and "27" in out


def test_rejects_an_unknown_format(answers: Path):
    code, out = run("score", str(answers), "--format", "pdf")
    assert code == 2 and "pdf" in out


def test_console_script_gives_clean_errors(tmp_path: Path):
    # One real process (the console script), for the error path a user would see.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "openpes.readiness.assessment"}')
    failed = subprocess.run(
        [str(OPENPES), "readiness", "score", str(bad)], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2
    assert "bad.json" in failed.stderr and "Traceback" not in failed.stderr
