"""``openpes serve``: what it hands to gunicorn."""

from __future__ import annotations

import os

import pytest

from openpes.cli import _serve


@pytest.fixture
def gunicorn_argv(monkeypatch, db):
    """The command line ``serve`` would replace itself with (the exec is the last step)."""
    seen: list[list[str]] = []
    monkeypatch.setattr(os, "execvp", lambda file, argv: seen.append(argv))
    monkeypatch.setattr("openpes.web.catalogue.index.snapshot_ensure", lambda: None)
    monkeypatch.setattr("openpes.cli.web_setup.django_setup", lambda: None)

    def run(host: str, port: int) -> list[str]:
        _serve.serve(host=host, port=port, workers=2)
        return seen[-1]

    return run


def _control(argv: list[str]) -> str:
    return argv[argv.index("--control-socket") + 1]


def test_two_instances_sharing_var_get_their_own_control_socket(gunicorn_argv):
    from openpes.web.environment import var_dir

    first = _control(gunicorn_argv("127.0.0.1", 8000))
    second = _control(gunicorn_argv("127.0.0.1", 8001))
    other_host = _control(gunicorn_argv("::1", 8000))
    assert len({first, second, other_host}) == 3
    for path in (first, second, other_host):
        assert os.path.dirname(path) == str(var_dir()) and path.endswith(".ctl")
        assert ":" not in os.path.basename(path)
