"""Bad input across every command: each case ends in a clear message and exit code 2, or in a
correct result. Never an "internal error" (exit 3), never a traceback.

The classes: missing and wrong columns, wrong types, NaN and empty groups, empty and
header-only files, latin-1, UTF-16 and BOM encodings, a folder where a file is expected,
unwritable outputs (under a file, under a read-only folder, an existing folder) and
existing outputs. The commands run in-process through ``openpes.cli.main``, the console
script's own entry point, so the exit codes and messages are the ones a user gets.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from openpes.profiling import save_model, train_demo_model
from openpes.readiness import demo_organisations, export_json
from openpes.synth import generate_world
from tests.cli.console import run_in_process as run

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@dataclass(frozen=True)
class Files:
    """Inputs shared by the cases, made once per module."""

    root: Path
    world: Path
    model: Path
    decisions: Path
    answers: Path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    root = tmp_path_factory.mktemp("inputs")
    world = generate_world(3000, 40, 5, seed=4)
    world.write_parquet(root / "world")
    model = root / "model"
    save_model(train_demo_model(world), model)
    decisions = root / "decisions.csv"
    pl.DataFrame(
        {
            "y": [0, 1] * 40,
            "p": [0, 1, 1, 0] * 20,
            "score": [0.2, 0.8, 0.6, 0.4] * 20,
            "s": ["a"] * 40 + ["b"] * 40,
        }
    ).write_csv(decisions)
    answers = root / "answers.json"
    export_json(demo_organisations()[0], answers)
    return Files(root, root / "world", model, decisions, answers)


# --- building the bad inputs -----------------------------------------------------------


def _csv(tmp: Path, text: str | bytes, name: str = "data.csv") -> Path:
    path = tmp / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def _decisions_text(groups: str = "ab", score: str = "0.5") -> str:
    rows = [f"{i % 2},{(i // 2) % 2},{score},{groups[i % len(groups)]}" for i in range(40)]
    return "y,p,score,s\n" + "\n".join(rows) + "\n"


def _read_only_dir(tmp: Path) -> Path:
    folder = tmp / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def _under_a_file(tmp: Path, name: str) -> Path:
    (tmp / "plain").write_text("a file, not a folder")
    return tmp / "plain" / name


def _answers(files: Files, tmp: Path, **changes: object) -> Path:
    data = json.loads(files.answers.read_text("utf-8"))
    data.update(changes)
    path = tmp / "answers.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def _answers_encoded(files: Files, tmp: Path, encoding: str) -> Path:
    data = json.loads(files.answers.read_text("utf-8"))
    data["organisation"]["name"] = "Agence de l'emploi de Liège"
    path = tmp / "answers.json"
    path.write_bytes(json.dumps(data, ensure_ascii=False).encode(encoding))
    return path


AUDIT = ["audit", "--label", "y", "--prediction", "p", "--sensitive", "s"]


def _audit(path: Path, *extra: str) -> list[str]:
    return [*AUDIT, str(path), *extra]


def _train(data: Path, out: Path, *extra: str) -> list[str]:
    return ["profile", "train", "--data", str(data), "--target", "not_employed_12m"] + [
        "--model",
        "scorecard",
        "--out",
        str(out),
        *extra,
    ]


def _score(files: Files, data: Path, out: Path) -> list[str]:
    return ["profile", "score", "--model", str(files.model), "--data", str(data)] + [
        "--out",
        str(out),
    ]


def _match(files: Files, out: Path, vacancies: Path | None = None) -> list[str]:
    return [
        "match",
        "--jobseekers",
        str(files.world / "jobseekers.parquet"),
        "--vacancies",
        str(vacancies or files.world / "vacancies.parquet"),
        "--out",
        str(out),
    ]


def _synth(out: Path) -> list[str]:
    return ["synth", "--jobseekers", "60", "--vacancies", "10", "--trainings", "2"] + [
        "--seed",
        "1",
        "--out",
        str(out),
    ]


def _empty_vacancies(files: Files, tmp: Path) -> Path:
    path = tmp / "no-vacancies.parquet"
    pl.read_parquet(files.world / "vacancies.parquet").head(0).write_parquet(path)
    return path


def _people(files: Files, tmp: Path, drop: str | None = None, fmt: str = "csv") -> Path:
    frame = pl.read_parquet(files.world / "jobseekers.parquet").head(50)
    if fmt == "csv":  # CSV has no lists
        frame = frame.select([c for c, t in frame.schema.items() if not isinstance(t, pl.List)])
    if drop:
        frame = frame.drop(drop)
    path = tmp / f"people.{fmt}"
    frame.write_csv(path) if fmt == "csv" else frame.write_parquet(path)
    return path


@dataclass(frozen=True)
class Case:
    """``expect`` is ``"error"`` (exit 2 with ``says`` in the message) or ``"ok"`` (exit 0
    or 1, the audit's "a comparison failed", with ``says`` in the output and ``check``)."""

    args: Callable[[Files, Path], list[str]]
    expect: str
    says: str = ""
    check: Callable[[Files, Path], bool] | None = None


CASES: dict[str, Case] = {
    # audit: files
    "audit missing file": Case(lambda f, t: _audit(t / "nope.csv"), "error", "no file matches"),
    "audit empty file": Case(lambda f, t: _audit(_csv(t, "")), "error", "the file is empty"),
    "audit header only": Case(lambda f, t: _audit(_csv(t, "y,p,score,s\n")), "error", "no rows"),
    "audit latin-1": Case(
        lambda f, t: _audit(_csv(t, _decisions_text("éè").encode("latin-1"))),
        "error",
        "not UTF-8",
    ),
    "audit UTF-16": Case(
        lambda f, t: _audit(_csv(t, _decisions_text().encode("utf-16"))), "error", "UTF-16"
    ),
    "audit UTF-8 with BOM": Case(
        lambda f, t: _audit(_csv(t, b"\xef\xbb\xbf" + _decisions_text().encode())),
        "ok",
        "Verdict",
    ),
    "audit a folder named x.csv": Case(
        lambda f, t: _audit(_mkdir(t / "x.csv")), "error", "this is a folder"
    ),
    "audit a file named [red]x.csv": Case(
        lambda f, t: _audit(_csv(t, _decisions_text(), "[red]x.csv")), "ok", "Verdict"
    ),
    # audit: columns, types, values, groups
    "audit missing column": Case(
        lambda f, t: [*AUDIT[:2], "nope", *AUDIT[3:], str(f.decisions)], "error", "nope"
    ),
    "audit text label": Case(
        lambda f, t: _audit(_csv(t, _decisions_text().replace("\n0,", "\nno,"))),
        "error",
        "'y'",
    ),
    "audit NaN score": Case(
        lambda f, t: _audit(_csv(t, _decisions_text(score="NaN")), "--score", "score"),
        "error",
        "score",
    ),
    "audit one group": Case(
        lambda f, t: _audit(_csv(t, _decisions_text(groups="a"))), "ok", "insufficient"
    ),
    "audit empty group values": Case(
        lambda f, t: _audit(_csv(t, _decisions_text(groups="a,").replace(",,", ","))),
        "ok",
        "Verdict",
    ),
    # audit: policy files
    "audit missing policy": Case(
        lambda f, t: _audit(f.decisions, "--policy", str(t / "nope.toml")),
        "error",
        "policy file not found",
    ),
    "audit latin-1 policy": Case(
        lambda f, t: _audit(
            f.decisions,
            "--policy",
            str(_csv(t, "# Liège\nalpha = 0.05\n".encode("latin-1"), "p.toml")),
        ),
        "error",
        "not UTF-8",
    ),
    "audit policy with a BOM": Case(
        lambda f, t: _audit(
            f.decisions, "--policy", str(_csv(t, "\ufeffalpha = 0.05\n".encode(), "p.toml"))
        ),
        "ok",
        "Verdict",
    ),
    "audit policy is a folder": Case(
        lambda f, t: _audit(f.decisions, "--policy", str(t)), "error", "not a valid TOML policy"
    ),
    # audit: outputs
    "audit output is a folder": Case(
        lambda f, t: _audit(f.decisions, "--output", str(t)), "error", "this is a folder"
    ),
    "audit output under a file": Case(
        lambda f, t: _audit(f.decisions, "--output", str(_under_a_file(t, "r.json"))),
        "error",
        "cannot write here",
    ),
    "audit output under a read-only folder": Case(
        lambda f, t: _audit(f.decisions, "--output", str(_read_only_dir(t) / "r.json")),
        "ok" if ROOT else "error",
        "Verdict" if ROOT else "cannot write here",
    ),
    "audit existing output is replaced": Case(
        lambda f, t: _audit(f.decisions, "--output", str(_csv(t, "old", "r.json"))),
        "ok",
        "Verdict",
        lambda f, t: json.loads((t / "r.json").read_text())["n"] == 80,
    ),
    # match
    "match no vacancies": Case(
        lambda f, t: _match(f, t / "m.csv", _empty_vacancies(f, t)), "error", "no vacancies to"
    ),
    "match missing file": Case(
        lambda f, t: _match(f, t / "m.csv", t / "nope.parquet"), "error", "nope.parquet"
    ),
    "match missing column": Case(
        lambda f, t: (
            [*_match(f, t / "m.csv")[:2], str(_people(f, t, drop="lat", fmt="parquet"))]
            + _match(f, t / "m.csv")[3:]
        ),
        "error",
        "'lat'",
    ),
    "match a folder named x.parquet": Case(
        lambda f, t: _match(f, t / "m.csv", _mkdir(t / "x.parquet")), "error", "this is a folder"
    ),
    "match output is a folder": Case(
        lambda f, t: _match(f, _mkdir(t / "out.csv")), "error", "this is a folder"
    ),
    "match output under a file": Case(
        lambda f, t: _match(f, _under_a_file(t, "m.csv")), "error", "cannot write here"
    ),
    # profile train
    "train missing target": Case(
        lambda f, t: [*_train(f.world, t / "m")[:5], "nope", *_train(f.world, t / "m")[6:]],
        "error",
        "nope",
    ),
    "train empty CSV": Case(lambda f, t: _train(_csv(t, ""), t / "m"), "error", "data.csv"),
    "train header-only CSV": Case(
        lambda f, t: _train(_csv(t, "not_employed_12m,isced\n"), t / "m"),
        "error",
        "not_employed_12m",
    ),
    "train latin-1 CSV": Case(
        lambda f, t: _train(
            _csv(t, "not_employed_12m,région\n0,Liège\n".encode("latin-1")), t / "m"
        ),
        "error",
        "not UTF-8",
    ),
    "train a folder named x.csv": Case(
        lambda f, t: _train(_mkdir(t / "x.csv"), t / "m"), "error", "x.csv"
    ),
    "train output is a file": Case(
        lambda f, t: _train(f.world, _csv(t, "x", "model")), "error", "a folder was expected"
    ),
    "train output under a file": Case(
        lambda f, t: _train(f.world, _under_a_file(t, "model")), "error", "cannot write here"
    ),
    # profile score and card
    "score no model": Case(
        lambda f, t: (
            ["profile", "score", "--model", str(t), "--data", str(f.world)]
            + ["--out", str(t / "s.csv")]
        ),
        "error",
        "manifest.json is missing",
    ),
    "score missing feature column": Case(
        lambda f, t: _score(f, _people(f, t, drop="isced"), t / "s.csv"), "error", "isced"
    ),
    "score output is a folder": Case(
        lambda f, t: _score(f, f.world, _mkdir(t / "s.csv")), "error", "this is a folder"
    ),
    "score output with a wrong suffix": Case(
        lambda f, t: _score(f, f.world, t / "s.txt"), "error", ".parquet or .csv"
    ),
    "score existing output is replaced": Case(
        lambda f, t: _score(f, f.world, _csv(t, "old", "s.csv")),
        "ok",
        "Scored 3,000",  # counts are grouped as the language writes them
        lambda f, t: pl.read_csv(t / "s.csv").height == 3000,
    ),
    "card output is a folder": Case(
        lambda f, t: ["profile", "card", "--model", str(f.model), "--out", str(t)],
        "error",
        "this is a folder",
    ),
    "card output under a file": Case(
        lambda f, t: (
            ["profile", "card", "--model", str(f.model), "--out"]
            + [str(_under_a_file(t, "card.md"))]
        ),
        "error",
        "cannot write here",
    ),
    # readiness
    "readiness latin-1 answers": Case(
        lambda f, t: ["readiness", "score", str(_answers_encoded(f, t, "latin-1"))],
        "error",
        "not UTF-8",
    ),
    "readiness UTF-16 answers": Case(
        lambda f, t: (
            ["readiness", "score", str(_answers_encoded(f, t, "utf-16")), "--format"] + ["json"]
        ),
        "ok",
        "Liège",
    ),
    "readiness UTF-8 BOM answers": Case(
        lambda f, t: (
            ["readiness", "score", str(_answers_encoded(f, t, "utf-8-sig")), "--format"] + ["json"]
        ),
        "ok",
        "Liège",
    ),
    "readiness empty answers": Case(
        lambda f, t: ["readiness", "score", str(_csv(t, "", "answers.json"))],
        "error",
        "not valid JSON",
    ),
    "readiness answers folder": Case(
        lambda f, t: ["readiness", "score", str(t)], "error", "cannot read the file"
    ),
    "readiness date yesterday": Case(
        lambda f, t: ["readiness", "score", str(_answers(f, t, date="yesterday"))],
        "error",
        "'date'",
    ),
    "readiness format_version 99": Case(
        lambda f, t: ["readiness", "score", str(_answers(f, t, format_version=99))],
        "error",
        "'format_version'",
    ),
    "readiness output is a folder": Case(
        lambda f, t: ["readiness", "score", str(f.answers), "--out", str(t)],
        "error",
        "this is a folder",
    ),
    "readiness template under a file": Case(
        lambda f, t: ["readiness", "template", "--out", str(_under_a_file(t, "a.json"))],
        "error",
        "cannot write here",
    ),
    "readiness latin-1 framework": Case(
        lambda f, t: [
            "readiness",
            "framework",
            str(_csv(t, "title: Liège\n".encode("latin-1"), "f.yaml")),
        ],
        "error",
        "not UTF-8",
    ),
    # synth
    "synth existing output folder is written over": Case(
        lambda f, t: _synth(_mkdir(t / "world")),
        "ok",
        "jobseekers.parquet",
        lambda f, t: pl.read_parquet(t / "world" / "jobseekers.parquet").height == 60,
    ),
    "synth output is a file": Case(
        lambda f, t: _synth(_csv(t, "x", "world")), "error", "a folder was expected"
    ),
    "synth output under a file": Case(
        lambda f, t: _synth(_under_a_file(t, "world")), "error", "cannot write here"
    ),
    # taxonomy
    "taxonomy extract latin-1 file": Case(
        lambda f, t: [
            "taxonomy",
            "extract",
            "--file",
            str(_csv(t, "Gar\xe7on.".encode("latin-1"))),
        ],
        "error",
        "not UTF-8",
    ),
    "taxonomy extract a folder": Case(
        lambda f, t: ["taxonomy", "extract", "--file", str(_mkdir(t / "cv.txt"))],
        "error",
        "this is a folder",
    ),
    "taxonomy extract missing file": Case(
        lambda f, t: ["taxonomy", "extract", "--file", str(t / "nope.txt")],
        "error",
        "nope.txt",
    ),
    "taxonomy extract UTF-8 with BOM": Case(
        lambda f, t: [
            "taxonomy",
            "extract",
            "--file",
            str(_csv(t, b"\xef\xbb\xbfI speak Spanish.")),
        ],
        "ok",
        "Spanish",
    ),
    "taxonomy extract empty file": Case(
        lambda f, t: ["taxonomy", "extract", "--file", str(_csv(t, ""))],
        "ok",
        "No ESCO skill found",
    ),
    "taxonomy unknown concept": Case(
        lambda f, t: ["taxonomy", "show", "http://data.europa.eu/esco/skill/nope"],
        "error",
        "nope",
    ),
}


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_a_clear_message_or_a_correct_result(
    name: str, files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    case = CASES[name]
    work = tmp_path / "case"
    work.mkdir()
    monkeypatch.chdir(work)
    try:
        code, output = run(case.args(files, work), monkeypatch, capsys)
    finally:
        for folder in work.rglob("locked"):
            folder.chmod(0o700)
    assert "internal error" not in output and "Traceback" not in output, output
    if case.expect == "error":
        assert code == 2, output
        assert "error: " in output, output
    else:
        assert code in (0, 1), output
    assert case.says in output, output
    if case.check is not None:
        assert case.check(files, work)
    assert not list(work.rglob(".*.tmp")), "no temporary file is left behind"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("audit", lambda f, t: _audit(f.decisions, "--output", str(_mkdir(t / "r.json")))),
        ("score", lambda f, t: _score(f, f.world, _mkdir(t / "s.csv"))),
        ("match", lambda f, t: _match(f, _mkdir(t / "m.csv"))),
    ],
)
def test_an_unwritable_output_is_refused_before_the_computation(
    name: str, args, files: Files, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    # The input is missing too: an error about the output proves it was checked first.
    argv = [
        str(tmp_path / "missing.csv") if a == str(files.decisions) else a
        for a in args(files, tmp_path)
    ]
    argv = [str(tmp_path / "missing") if a == str(files.world) else a for a in argv]
    argv = [
        str(tmp_path / "missing.parquet") if a.endswith("jobseekers.parquet") else a for a in argv
    ]
    code, output = run(argv, monkeypatch, capsys)
    assert code == 2 and "this is a folder" in output, output


@pytest.mark.parametrize(
    ("content", "code", "says"),
    [
        (None, 0, "no anchor existed yet"),
        ("", 0, "no anchor existed yet"),
        ("not an anchor\n", 2, "row 1"),
        ("\ufeff3 abc\n", 2, "row 1"),
    ],
    ids=["missing", "empty", "malformed", "BOM and a short hash"],
)
def test_trail_verify_with_a_missing_or_malformed_anchors_file(
    db, content, code, says, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from openpes.web.trail.services import event_record

    event_record(actor=None, action="test.event", details={})
    anchors = tmp_path / "anchors.txt"
    if content is not None:
        anchors.write_text(content, encoding="utf-8")
    exit_code, output = run(["trail", "verify", "--anchors", str(anchors)], monkeypatch, capsys)
    assert "internal error" not in output and "Traceback" not in output, output
    assert exit_code == code and says in output, output
