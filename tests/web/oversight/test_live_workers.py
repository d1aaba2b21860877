"""The stop switch on a live gunicorn server with two workers (``openpes serve``).

The pause is made from another process (``openpes oversight pause``) while the server runs;
every following request, on a fresh connection each so that both workers answer, must show
no model output to the counsellor and to the job seeker, and the counsellor can still save
a decision. Resuming brings the output back.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
import os, polars as pl
from openpes.web.caseload.models import JobSeeker, JobSeekerSkill
counsellor = user_create(username="live-c", password="x-long-pass-123", role=Role.COUNSELLOR)
seeker = user_create(username="live-j", password="x-long-pass-123", role=Role.JOBSEEKER)
# At a vacancy of the board, holding its essential skills, so that suggestions are relevant.
vacancy = pl.read_parquet(os.environ["LIVE_BOARD"] + "/vacancies.parquet").row(0, named=True)
person = JobSeeker.objects.create(reference="JS-LIVE1", first_name="A", last_name="B",
    counsellor=counsellor, user=seeker, isced=3, region="Capital Region", lat=vacancy["lat"],
    lon=vacancy["lon"], max_distance_km=50, registered_on="2026-01-05",
    languages=["en", "de", "fr", "nl", "es"], driving_licence=True)
for uri in vacancy["essential_skills"]:
    JobSeekerSkill.objects.create(jobseeker=person, skill_uri=uri, source="registration")
for user in (counsellor, seeker):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    print(client.cookies["sessionid"].value)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, session: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


@pytest.fixture
def live(tmp_path: Path, catalogue_dir, model_dir):
    env = {
        **os.environ,
        "OPENPES_VAR_DIR": str(tmp_path),
        "LIVE_BOARD": str(catalogue_dir),
        "OPENPES_MODEL_DIR": str(model_dir),
        "DJANGO_SETTINGS_MODULE": "openpes.web.settings",
    }
    env.pop("OPENPES_DATABASE_URL", None)  # a SQLite file of its own, shared by the workers
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, check=True
    )
    sessions = setup.stdout.split()
    # The board goes into the catalogue tables through the import path, as in production.
    for kind in ("vacancies", "trainings"):
        board = str(catalogue_dir / f"{kind}.parquet")
        subprocess.run(
            [sys.executable, "-m", "openpes.cli", "import", kind, board],
            env=env,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "openpes.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        problem = server.stderr.read()
        server.stderr.close()
        pytest.fail(f"openpes serve did not start: {problem}")

    def cli(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "openpes.cli", *args], env=env, check=True)

    yield base, sessions, cli
    server.terminate()
    server.wait(timeout=30)
    server.stderr.close()


@pytest.mark.slow
def test_a_pause_holds_in_every_worker_at_the_next_request(live):
    base, (counsellor, jobseeker), cli = live
    detail, home = f"{base}/caseload/JS-LIVE1/", f"{base}/me/"
    assert '<ol class="suggestions">' in _get(detail, counsellor)
    assert '<ol class="suggestions">' in _get(home, jobseeker)
    cli("oversight", "pause", "matching", "--reason", "Live test of the stop switch")
    cli("oversight", "pause", "support_needs", "--reason", "Live test of the stop switch")
    for _ in range(10):
        page = _get(detail, counsellor)
        assert (
            '<ol class="suggestions">' not in page and "Automatic suggestions are paused." in page
        )
        assert "The automatic assessment is paused." in page and "Record my assessment" in page
        mine = _get(home, jobseeker)
        assert '<ol class="suggestions">' not in mine and "The computer" not in mine
    cli("oversight", "resume", "matching", "--reason", "Checked after the live test")
    for _ in range(6):
        assert '<ol class="suggestions">' in _get(detail, counsellor)
