"""The per-token throttle holds across worker processes (they count in one database table)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_WORKER = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
django.setup()
from django.test import Client
client = Client(HTTP_AUTHORIZATION="Bearer " + os.environ["TOKEN"])
print(json.dumps([client.get("/api/v1/vacancies/").status_code for _ in range(2)]))
"""


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_worker_processes_share_one_budget_per_token(tmp_path):
    env = {
        **os.environ,
        "OPENPES_VAR_DIR": str(tmp_path),
        "OPENPES_INDEX_BUILD": "off",
        "OPENPES_API_RATE": "3/hour",
        "DJANGO_SETTINGS_MODULE": "openpes.web.settings",
    }
    env.pop("OPENPES_DATABASE_URL", None)
    cli = [sys.executable, "-m", "openpes.cli"]
    _run([*cli, "manage", "migrate", "-v0"], env)

    def token(account: str) -> dict[str, str]:
        create = [*cli, "api", "token", "create", account, "--scope", "vacancies:read"]
        return {**env, "TOKEN": _run(create, env).splitlines()[-1]}

    one_after_the_other = token("feed-a")
    first = json.loads(_run([sys.executable, "-c", _WORKER], one_after_the_other))
    second = json.loads(_run([sys.executable, "-c", _WORKER], one_after_the_other))
    assert first == [200, 200] and second == [200, 429]

    at_the_same_time = token("feed-b")
    started = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER], env=at_the_same_time, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    statuses = [s for p in started for s in json.loads(p.communicate(timeout=300)[0])]
    # Each request is counted by one atomic UPDATE: two workers at the same instant share
    # the budget of 3 exactly, never both spending the last request.
    assert sorted(statuses) == [200, 200, 200, 429], statuses
