"""``openpes oversight``: run (exit 0 no new alert, 1 alerts, 2 bad input), pause, resume,
status."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import SystemPause
from openpes.web.trail.models import AuditEvent
from tests.web.factories import UserFactory
from tests.web.oversight.world import population_create

RUNNER = CliRunner()


def _python_env() -> dict[str, str]:
    # The subprocess imports this checkout, like the test process does.
    return {"PATH": "", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


ALERT_FIELDS = {
    "system",
    "monitor",
    "attribute",
    "group",
    "metric",
    "value",
    "low",
    "high",
    "reference_value",
    "verdict",
}


@pytest.fixture
def biased(db):
    population_create(lambda role, **kw: UserFactory(role=role, **kw), n=1500, seed=7)
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)


def test_run_exits_1_on_new_alerts_then_0_and_prints_the_json_contract(biased, tmp_path):
    out = tmp_path / "run.json"
    first = RUNNER.invoke(app, ["oversight", "run", "--period", "30d", "--out", str(out)])
    assert first.exit_code == 1, first.output
    data = json.loads(out.read_text())
    assert {s["id"] for s in data["systems"]} == {"matching", "support_needs"}
    assert all(s["status"] == "active" and s["monitors"] for s in data["systems"])
    assert data["alerts"] and all(set(a) >= ALERT_FIELDS for a in data["alerts"])
    assert any(
        a["attribute"] == "origin" and a["group"] == "non_eu" and a["metric"] == "less_support_rate"
        for a in data["alerts"]
    )
    again = RUNNER.invoke(app, ["oversight", "run", "--format", "md"])
    assert again.exit_code == 0, again.output
    # The officer's report: the group in words, then the codes a policy is written with.
    assert "Non-EU origin (origin=non_eu)" in again.stdout


def test_pause_resume_and_status(db):
    paused = RUNNER.invoke(
        app, ["oversight", "pause", "support_needs", "--reason", "Suspected override bias"]
    )
    assert paused.exit_code == 0, paused.output
    status = RUNNER.invoke(app, ["oversight", "status"])
    assert status.exit_code == 0 and "paused" in status.stdout and "support_needs" in status.stdout
    resumed = RUNNER.invoke(
        app, ["oversight", "resume", "support_needs", "--reason", "Coached; bias gone"]
    )
    assert resumed.exit_code == 0, resumed.output
    assert SystemPause.objects.get().resume_reason == "Coached; bias gone"
    actors = set(
        AuditEvent.objects.filter(action__startswith="oversight.system").values_list(
            "actor", flat=True
        )
    )
    assert len(actors) == 1 and actors.pop().startswith("cli")


def test_status_gives_the_times_in_the_services_time_zone(db, settings):
    """The dashboard shows local time (``OPENPES_TIME_ZONE``); the CLI must not show UTC
    beside it without saying so."""
    import datetime as dt

    settings.TIME_ZONE = "Asia/Seoul"  # UTC+9 all year: no summer time to allow for
    RUNNER.invoke(app, ["oversight", "pause", "matching", "--reason", "Checking the index"])
    pause = SystemPause.objects.get()
    moment = dt.datetime(2026, 12, 2, 4, 25, tzinfo=dt.UTC)
    SystemPause.objects.filter(pk=pause.pk).update(paused_at=moment)
    status = RUNNER.invoke(app, ["oversight", "status"], env={"COLUMNS": "200"})
    assert status.exit_code == 0, status.output
    assert "since 2026-12-02 13:25" in status.stdout, status.stdout
    assert "04:25" not in status.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["oversight", "run", "--period", "a month"],
        ["oversight", "pause", "nonexistent", "--reason", "why not"],
        ["oversight", "pause", "matching", "--reason", " "],
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, args):
    env = {**_python_env(), "OPENPES_VAR_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "openpes.cli", "manage", "migrate", "-v0"], env=env, check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "openpes.cli", *args], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_a_malformed_policy_is_refused_naming_file_and_key(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[[monitor.rule]]\nmonitor = "human_decisions"\nmetric = "nonsense"\nthreshold = 0.1\n'
    )
    env = {
        **_python_env(),
        "OPENPES_VAR_DIR": str(tmp_path),
        "OPENPES_OVERSIGHT_POLICY": str(policy),
    }
    subprocess.run(
        [sys.executable, "-m", "openpes.cli", "manage", "migrate", "-v0"], env=env, check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "openpes.cli", "oversight", "run"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "policy.toml" in result.stderr and "metric" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["oversight", "run", "--period", "a month"], "--period attend un nombre de jours"),
        (["oversight", "pause", "nonexistent", "--reason", "why not"], "aucun système d'IA"),
    ],
)
def test_bad_input_is_explained_in_the_language_asked_for(tmp_path, args, expected):
    env = {**_python_env(), "OPENPES_VAR_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "openpes.cli", "manage", "migrate", "-v0"], env=env, check=True
    )
    result = subprocess.run(
        [sys.executable, "-m", "openpes.cli", "--lang", "fr", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr, result.stderr


def test_mail_printed_in_development_leaves_the_json_on_stdout_whole(biased, settings):
    # Without OPENPES_EMAIL_HOST the alert mail is printed; it must not land in the report.
    from openpes.web import settings as configured
    from openpes.web.accounts.enums import Role

    settings.MAILERS = configured.MAILERS
    UserFactory(role=Role.OVERSIGHT, email="officer@pes.example")
    result = RUNNER.invoke(app, ["oversight", "run", "--period", "30d", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["alerts"]
    assert "Subject: OpenPES oversight" in result.stderr


def test_the_run_file_is_readable_by_its_owner_only(db, tmp_path):
    # The run holds the officers' full figures, small groups included (docs/oversight.md).
    out = tmp_path / "run.json"
    result = RUNNER.invoke(app, ["oversight", "run", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(out.read_text())["systems"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
