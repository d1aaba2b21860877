"""The review loop in a real browser, with axe-core on every new page and at 320 px."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add, user_create
from openpes.web.caseload.models import JobSeekerSkill
from openpes.web.casework.services import goal_add, note_add, step_add
from openpes.web.counselling.models import SuggestionDecision
from tests.browser.pages import assert_focused, blocking_violations, sign_in
from tests.web.factories import JobSeekerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-passphrase"


def _accessible(page, findings: dict, label: str) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        if problems := blocking_violations(page):
            findings[f"{label} @{width}px"] = problems
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            findings[f"{label} @{width}px"] = [f"page scrolls sideways by {overflow}px"]
    page.set_viewport_size({"width": 1280, "height": 900})


def test_job_seeker_asks_counsellor_changes_job_seeker_reads(live_server, chromium, catalogue_dir):
    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    lead = user_create(username="lead", password=PASSWORD, role=Role.TEAM_LEAD)
    counsellor = user_create(username="coun", password=PASSWORD, role=Role.COUNSELLOR)
    team_member_add(team=team_create(name="Central", lead=lead), user=counsellor)
    seeker_user = user_create(username="seeker", password=PASSWORD, role=Role.JOBSEEKER)
    person = JobSeekerFactory(
        counsellor=counsellor,
        user=seeker_user,
        lat=vacancy["lat"],
        lon=vacancy["lon"],
        max_distance_km=50,
        languages=["en", "de", "fr", "nl", "es"],
        driving_licence=True,
    )
    JobSeekerSkill.objects.bulk_create(
        JobSeekerSkill(jobseeker=person, skill_uri=uri, source="registration")
        for uri in vacancy["essential_skills"]
    )
    findings: dict[str, list[str]] = {}
    seeker = chromium.new_context(bypass_csp=True).new_page()
    sign_in(seeker, live_server.url, "seeker", PASSWORD)
    seeker.goto(f"{live_server.url}{reverse('jobseeker_home')}")
    # An empty request keeps the choice and shows the error summary, focused.
    option = seeker.locator("#id_item option", has_text=vacancy["vacancy_id"]).first
    seeker.select_option("#id_item", value=option.get_attribute("value"))
    seeker.click("text=Send my request")
    assert seeker.locator("#error-summary").is_visible()
    assert_focused(seeker, "error-summary")
    assert vacancy["vacancy_id"] in seeker.locator("#id_item option:checked").inner_text()
    _accessible(seeker, findings, "/me/ with an error")
    seeker.click("#error-summary a")
    assert seeker.evaluate("document.activeElement.id") == "id_message"
    seeker.fill("#id_message", "The shifts are at night and I care for my son.")
    seeker.click("text=Send my request")
    assert "Your request was sent" in seeker.content()
    assert_focused(seeker, "result")

    desk = chromium.new_context(bypass_csp=True).new_page()
    sign_in(desk, live_server.url, "coun", PASSWORD)
    # A decision without a reason: summary at the top, message at the field, radio kept.
    desk.goto(f"{live_server.url}{reverse('jobseeker_detail', args=[person.reference])}")
    first = desk.locator("details.decide").first
    first.locator("summary").click()
    first.locator("input[name=verdict][value=accepted]").check()
    first.locator("text=Save decision").click()
    assert_focused(desk, "error-summary")
    assert desk.locator("details.decide[open] input[value=accepted]:checked").count() == 1
    _accessible(desk, findings, "/caseload/<ref>/ with an error")
    desk.goto(f"{live_server.url}{reverse('review_inbox')}")
    _accessible(desk, findings, "/reviews/")
    desk.click(f"text={person.last_name}, {person.first_name}")
    assert "The shifts are at night" in desk.content()
    _accessible(desk, findings, "/reviews/<pk>/")
    desk.check("input[name=outcome][value=change]")
    desk.check("input[name=new_verdict][value=rejected]")
    desk.fill("#id_explanation", "Night shifts do not fit your care duties, so we set it aside.")
    desk.fill("#id_would_change", "A day-shift variant of this job would be suggested.")
    desk.click("text=Send the answer")
    assert "Your answer was sent" in desk.content()
    assert_focused(desk, "result")
    assert SuggestionDecision.objects.get().verdict == "rejected"

    goal = goal_add(actor=counsellor, jobseeker=person, title="Work in logistics")
    step_add(
        actor=counsellor,
        goal=goal,
        kind="course",
        title="Forklift course",
        owner="jobseeker",
        due_on=dt.date.today() + dt.timedelta(days=7),
    )
    note_add(
        actor=counsellor,
        jobseeker=person,
        kind="meeting",
        occurred_on=dt.date.today(),
        text="We agreed on the forklift course.",
    )
    desk.goto(f"{live_server.url}{reverse('jobseeker_detail', args=[person.reference])}")
    _accessible(desk, findings, "/caseload/<ref>/ with a plan and notes")
    desk.goto(f"{live_server.url}{reverse('meeting_summary', args=[person.reference])}")
    _accessible(desk, findings, "meeting summary")
    seeker.goto(f"{live_server.url}{reverse('jobseeker_home')}")
    text = seeker.content()
    assert "Night shifts do not fit your care duties" in text
    assert "A day-shift variant of this job would be suggested." in text
    assert "Your counsellor set this vacancy aside" in text
    _accessible(seeker, findings, "/me/ with an answer and a plan")
    seeker.click("text=I have done “Forklift course”")
    assert_focused(seeker, "result")
    seeker.goto(f"{live_server.url}{reverse('my_data')}")
    _accessible(seeker, findings, "/me/data/ with data")

    lead_page = chromium.new_context(bypass_csp=True).new_page()
    sign_in(lead_page, live_server.url, "lead", PASSWORD)
    lead_page.goto(f"{live_server.url}{reverse('team_home')}")
    assert "Caseload sizes in team Central" in lead_page.content()
    _accessible(lead_page, findings, "/team/ with a team")
    lead_page.goto(f"{live_server.url}{reverse('review_inbox')}")
    _accessible(lead_page, findings, "/reviews/ for the team lead")
    assert not findings, findings
