from __future__ import annotations

import os
import subprocess
import sys

import pytest

from openpes.errors import ConfigurationError
from openpes.web import environment


def test_secret_key_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("OPENPES_SECRET_KEY", raising=False)
    monkeypatch.delenv("OPENPES_ENV", raising=False)
    first = environment.secret_key()
    assert len(first) >= 50 and environment.secret_key() == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_production_requires_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("OPENPES_ENV", "production")
    monkeypatch.delenv("OPENPES_SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="OPENPES_SECRET_KEY"):
        environment.secret_key()


def _openpes(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openpes.cli", *args],
        # PYTHONPATH passes on, so that a worktree's tests run the worktree's code.
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def _production(var: object) -> dict[str, str]:
    """A production environment that passes every deploy check but the mail server's."""
    return {
        "OPENPES_ENV": "production",
        "OPENPES_SECRET_KEY": "k" * 10 + "8Fq2-zL0_pQw3nV7xYt5sR1mJ9bC4dH6eK0uA2oI5gT8yW3",
        "OPENPES_ALLOWED_HOSTS": "openpes.example.org",
        "OPENPES_VAR_DIR": str(var),
    }


def test_deploy_check_is_clean_in_production(tmp_path):
    # Production sends mail by SMTP: without a host the deploy check fails (openpes.E001).
    env = {**_production(tmp_path), "OPENPES_EMAIL_HOST": "smtp.example.org"}
    result = _openpes("manage", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_key_is_a_clear_error(tmp_path):
    result = _openpes(
        "manage", "check", env={"OPENPES_ENV": "production", "OPENPES_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "OPENPES_SECRET_KEY must be set" in result.stderr and "Traceback" not in result.stderr


def test_version_and_demo_refusal_in_production(tmp_path):
    version = _openpes("--version", env={})
    assert version.returncode == 0 and version.stdout.startswith("openpes ")
    env = {
        "OPENPES_ENV": "production",
        "OPENPES_SECRET_KEY": "x" * 60,
        "OPENPES_VAR_DIR": str(tmp_path),
    }
    demo = _openpes("demo", env=env)
    assert demo.returncode == 2 and "production" in demo.stderr


def test_deploy_check_fails_in_production_without_a_mail_server(tmp_path):
    # Without OPENPES_EMAIL_HOST mail would be printed on standard error: alerts would reach
    # no officer and password-reset links would land in the server's log.
    env = _production(tmp_path)
    result = _openpes("manage", "check", "--deploy", env=env)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "openpes.E001" in result.stderr and "OPENPES_EMAIL_HOST" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_mail_check_leaves_development_alone(tmp_path):
    env = {"OPENPES_VAR_DIR": str(tmp_path)}
    result = _openpes("manage", "check", "--deploy", env=env)
    assert "openpes.E001" not in result.stdout + result.stderr


def test_the_mail_check_speaks_the_run_language(tmp_path):
    # An operator who runs the command line in French reads the deploy check in French.
    env = {**_production(tmp_path), "OPENPES_LANGUAGE": "fr"}
    result = _openpes("manage", "check", "--deploy", env=env)
    assert "openpes.E001" in result.stderr, result.stdout + result.stderr
    assert "serveur de messagerie" in result.stderr and "OPENPES_EMAIL_HOST" in result.stderr
    assert "production has no mail server" not in result.stderr
