"""Skills from a pasted text, in a browser: keyboard only, and no serious axe findings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.models import JobSeekerSkill
from tests.browser.pages import blocking_violations, sign_in
from tests.web.factories import JobSeekerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("support_model_installed"),
]
PASSWORD = "a-long-browser-test-passphrase"
FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
CV = "I operated forklifts in a warehouse for five years.\n- Fluent in Spanish."


def test_a_job_seeker_finds_and_adds_skills_from_a_cv_by_keyboard(live_server, page):
    user = user_create(username="cv-reader", password=PASSWORD, role=Role.JOBSEEKER)
    person = JobSeekerFactory(user=user)
    sign_in(page, live_server.url, "cv-reader", PASSWORD)
    page.goto(f"{live_server.url}{reverse('jobseeker_home')}")
    page.focus("#id_skill_text")
    page.keyboard.press("Enter")  # a line break in the box, not a submit
    page.keyboard.insert_text(CV)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Find skills"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.is_visible(f'input[name=chosen][value="{FORKLIFT}"]')
    assert blocking_violations(page) == [], "the list of skills found must be accessible"
    # Asking to add with nothing ticked: the summary and the message at the boxes.
    with page.expect_navigation():
        page.click("button[name=add]")
    assert page.is_visible("#error-summary") and page.is_visible("#id_chosen_errors")
    assert blocking_violations(page) == [], "the errors must be accessible"
    page.focus(f'input[name=chosen][value="{FORKLIFT}"]')
    page.keyboard.press("Space")
    page.focus("button[name=add]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "1 skill added: operate forklift" in page.content()
    assert JobSeekerSkill.objects.get(jobseeker=person, skill_uri=FORKLIFT).source == "self"
