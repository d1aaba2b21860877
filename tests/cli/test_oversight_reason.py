"""A blank `--reason` of `openpes oversight pause` / `resume` names the option, not a
column: the person typed an option, there is no file."""

from __future__ import annotations

import sys

import pytest

from openpes.cli import main


@pytest.mark.parametrize("command", ["pause", "resume"])
def test_a_blank_reason_names_the_option(db, monkeypatch, capsys, command):
    monkeypatch.setattr(sys, "argv", ["openpes", "oversight", command, "matching", "--reason", " "])
    monkeypatch.setenv("COLUMNS", "400")
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr().err
    assert exit_.value.code == 2, out
    assert "--reason" in out and "give a reason" in out, out
    assert "column" not in out, out
