"""A skill search far longer than the field allows gets the app's own message, never a 414/500.

The field takes at most ``SKILL_QUERY_MAX`` characters; a pasted paragraph of 5,000 is refused
at the field (GOV.UK error pattern: summary at the top, message at the field, input kept), on
the page itself, the job seeker's own page and the htmx search. The live test checks the
whole path through ``openpes serve``: gunicorn's default request line (4,094 bytes) answered
such a URL with its own bare "414" page before the app ever saw it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

LONG = ("forklift " * 556)[:5000]
MESSAGE = "Shorten your search: a skill search can be at most 100 characters long."


def test_the_counsellors_page_refuses_a_long_search_at_the_field(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor)
    response = _login(counsellor).get(
        reverse("jobseeker_detail", args=[person.reference]), {"skill_q": LONG}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and '<a href="#id_skill_q">' + MESSAGE in html
    assert 'id="id_skill_q_errors"' in html and 'aria-invalid="true"' in html
    assert f'value="{LONG.strip()}"' in html  # what was typed stays in the box
    assert "No ESCO skill matches" not in html  # nothing was searched


def test_the_job_seekers_page_and_the_htmx_search_refuse_it_too(make_user):
    seeker_user = make_user(Role.JOBSEEKER)
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, user=seeker_user)
    mine = _login(seeker_user)
    own = mine.get(reverse("jobseeker_home"), {"skill_q": LONG})
    assert own.status_code == 200 and MESSAGE in own.content.decode()
    for client, url in (
        (mine, reverse("my_skill_search")),
        (_login(counsellor), reverse("caseload_skill_search", args=[person.reference])),
    ):
        partial = client.get(url, {"skill_q": LONG}, HTTP_HX_REQUEST="true")
        # 200, so that htmx swaps the message into the live region.
        assert partial.status_code == 200
        assert MESSAGE in partial.content.decode() and "<html" not in partial.content.decode()


SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.models import JobSeeker
counsellor = user_create(username="long-c", password="x-long-pass-123", role=Role.COUNSELLOR)
JobSeeker.objects.create(reference="JS-LONG1", first_name="A", last_name="B",
    counsellor=counsellor, isced=3, region="Capital Region", lat=50.8, lon=4.35,
    max_distance_km=50, registered_on="2026-01-05", languages=["en"])
client = Client()
client.force_login(counsellor, backend="django.contrib.auth.backends.ModelBackend")
print(client.cookies["sessionid"].value)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_openpes_serve_lets_a_5000_character_search_reach_the_app(tmp_path: Path):
    env = {
        **os.environ,
        "OPENPES_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "openpes.web.settings",
    }
    env.pop("OPENPES_DATABASE_URL", None)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, check=True
    )
    session = setup.stdout.split()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "openpes.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("openpes serve did not start")
        query = urllib.parse.urlencode({"skill_q": LONG})
        request = urllib.request.Request(
            f"{base}/caseload/JS-LONG1/?{query}", headers={"Cookie": f"sessionid={session}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode(errors="replace")
        assert status in (200, 400), (status, body[:300])
        assert MESSAGE in body
    finally:
        server.terminate()
        server.wait(timeout=30)
