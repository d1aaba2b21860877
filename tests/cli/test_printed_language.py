"""What ``openpes demo``, ``oversight``, ``trail verify`` and ``register`` print in ``--lang fr``
has no English left: the CLI's own texts go through its catalogue.

``test_own_texts.py`` checks that each text in the catalogue is translated; this checks that a
command's printed words are texts of the catalogue at all (an f-string is in no catalogue).
Run in-process with the root's ``--lang``, as a user's ``openpes --lang fr ...``.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from openpes.cli import app

RUNNER = CliRunner()

#: The English words these commands printed before their texts were translated, and the
#: words of their texts now (a French translation shares none of them, unlike "service" or
#: "pauses", left out here).
_WORDS = """
    the and for with not yet have has been was is in at of no by to this could whether
    demo data ready users user teams team job seekers readiness assessments assessment created
    logins password name role oversight monitors monitor ran alert alerts dashboard
    paused resumed whole systems system status force open active partly since last run
    automatic confirm warning anchor store configured cut tail trail deleted written anew
    detected existed tell head events event broken anchored now
"""
ENGLISH = frozenset(_WORDS.split())


def _english_left(output: str, *values: str) -> list[str]:
    """The English words in ``output``, once the ids and values named are taken out."""
    text = output
    # Ids and values are printed as they are: user names, system ids, file names, actors.
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"cli:\S+", " ", text)
    # Environment variables are names too: OPENPES_TRAIL_ANCHORS.
    text = re.sub(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", " ", text)
    return sorted({w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in ENGLISH})


def _french(*args: str):
    # Wide: Rich would otherwise break a long path (a test's tmp_path) across lines, and
    # its pieces ("pytest-of-root") would look like English words.
    result = RUNNER.invoke(app, ["--lang", "fr", *args], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.output


def test_the_english_words_are_found():
    # The check itself can fail: the old English line is caught, its values are not.
    assert _english_left("support_needs paused for the whole service", "support_needs") == [
        "for",
        "paused",
        "the",
        "whole",
    ]


def test_oversight_pause_status_and_resume_speak_french(db):
    texts = _french("oversight", "pause", "support_needs", "--reason", "essai")
    texts += _french("oversight", "pause", "matching", "--reason", "essai")
    texts += _french("oversight", "status")
    texts += _french("oversight", "resume", "support_needs", "--reason", "essai")
    left = _english_left(texts, "support_needs", "matching")
    assert not left, texts
    assert "en pause" in texts, texts


def test_trail_verify_speaks_french(db, tmp_path, settings):
    _french("oversight", "pause", "matching", "--reason", "essai")  # events to check
    settings.OPENPES_TRAIL_ANCHORS = ""
    without_store = _french("trail", "verify")
    anchors = tmp_path / "anchors.jsonl"
    first_anchor = _french("trail", "verify", "--anchors", str(anchors))
    anchored = _french("trail", "verify", "--anchors", str(anchors))
    texts = without_store + first_anchor + anchored
    assert not _english_left(texts, str(anchors), anchors.name), texts
    assert "aucun dépôt d'ancres" in without_store, without_store
    assert "aucune ancre n'existait" in first_anchor, first_anchor
    assert "OK" in anchored and "événements" in anchored, anchored


def test_register_export_speaks_french(db, tmp_path):
    from openpes.web.register.demo import register_demo_seed

    register_demo_seed()
    out = tmp_path / "support.json"
    texts = _french("register", "export", "support-needs", "--format", "json", "--out", str(out))
    assert out.is_file()
    assert not _english_left(texts, str(out)), texts
    assert "Écrit" in texts, texts


@pytest.mark.slow
def test_demo_speaks_french(db, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    texts = _french("demo")
    from openpes.web.demo.seed import DEMO_LOGINS, DEMO_PASSWORD

    users = [name for name, *_ in DEMO_LOGINS]
    assert not _english_left(texts, DEMO_PASSWORD, *users), texts
    assert "Données de démonstration prêtes" in texts, texts
