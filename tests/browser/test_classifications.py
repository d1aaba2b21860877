"""A counsellor picks a wished-for occupation through a national classification, in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from openpes.taxonomy import read_crosswalk, save_crosswalk
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.taxonomy import taxonomy
from tests.browser.pages import blocking_violations, sign_in
from tests.web.factories import JobSeekerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-passphrase"
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "fictional-scheme.csv"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


def test_pick_the_closest_esco_occupation_of_a_national_code(
    live_server, page, tmp_path, monkeypatch
):
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))  # the live server shares the process
    save_crosswalk(read_crosswalk(EXAMPLE, scheme="ROC-24", taxonomy=taxonomy()))
    user = user_create(username="cw-counsellor", password=PASSWORD, role=Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=user, preferred_occupations=[])
    sign_in(page, live_server.url, "cw-counsellor", PASSWORD)
    page.goto(f"{live_server.url}{reverse('jobseeker_detail', args=[person.reference])}")
    page.click("text=Add a wished-for occupation from a national classification")
    page.select_option("#id_national", "ROC-24:R-7212-1")
    page.click("text=Show the ESCO occupations")
    page.wait_for_load_state()
    findings = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        if problems := blocking_violations(page):
            findings[width] = problems
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            findings[width] = [f"page scrolls sideways by {overflow}px"]
    assert not findings, findings
    page.check(f"input[value='{WELDER}']")
    page.click("text=Add as a wished-for occupation")
    page.wait_for_load_state()
    assert "Wished-for occupation added: welder" in page.content()
    person.refresh_from_db()
    assert person.preferred_occupations == [WELDER]
