"""``openpes demo`` writes its alert mails to a folder and says where, instead of printing them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from openpes.cli import app

RUNNER = CliRunner()


@pytest.mark.slow
def test_demo_writes_the_alert_mails_to_the_var_folder(db, tmp_path, monkeypatch, settings):
    from openpes.web import settings as configured

    # The development mailer, as ``make run`` has it (tests send to locmem otherwise).
    settings.MAILERS = configured.MAILERS
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    result = RUNNER.invoke(app, ["--lang", "en", "demo"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    mails = sorted((tmp_path / "mail").glob("*.txt"))
    assert mails, result.output
    assert "Subject: OpenPES oversight" in mails[0].read_text(encoding="utf-8")
    assert "Subject:" not in result.output and "=C2=B7" not in result.output
    written = "alert mail written to" if len(mails) == 1 else "alert mails written to"
    assert written in result.output and str(tmp_path / "mail") in result.output
    # The development mailer is back for the server that ``make run`` starts next.
    assert settings.MAILERS == configured.MAILERS
