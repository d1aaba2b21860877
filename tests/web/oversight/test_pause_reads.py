"""The pause state is read once per request, for every system at once, and still afresh at
every request: a team's pause of one system and the service's pause of another both hold on
the next page, each page reads the pauses in one query, and a resume shows on the next one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openpes.web.oversight.services import system_pause, system_resume
from tests.web.oversight.test_stop_switch import (  # noqa: F401 - the fixture
    MODEL_BAND,
    SUGGESTIONS,
    _system,
    world,
)

pytestmark = pytest.mark.usefixtures("support_model_installed")


def _page(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    reads = [q for q in queries.captured_queries if 'FROM "oversight_systempause"' in q["sql"]]
    return html, len(reads)


def test_each_page_reads_the_pauses_once_and_every_request_afresh(world):  # noqa: F811
    officer, person = world["officer_user"], world["person"]
    detail = reverse("jobseeker_detail", args=[person.reference])
    begin = reverse("assessment_begin", args=[person.reference])
    world["counsellor"].post(begin, {"counsellor_band": "high"})
    html, reads = _page(world["counsellor"], detail)
    assert SUGGESTIONS in html and MODEL_BAND in html and reads == 1

    system_pause(
        system=_system("matching"), actor=officer, reason="Pilot in North", team=world["team"]
    )
    system_pause(system=_system("support_needs"), actor=officer, reason="Drift in the inputs")
    html, reads = _page(world["counsellor"], detail)
    assert "Automatic suggestions are paused." in html and SUGGESTIONS not in html
    assert "The automatic assessment is paused." in html and MODEL_BAND not in html
    assert reads == 1
    html, reads = _page(world["jobseeker"], reverse("jobseeker_home"))
    assert "Automatic suggestions are paused." in html and reads == 1

    system_resume(system=_system("matching"), actor=officer, reason="Briefed", team=world["team"])
    html, reads = _page(world["counsellor"], detail)
    assert SUGGESTIONS in html and "The automatic assessment is paused." in html
    assert reads == 1
