"""The oversight pages in a real browser: zero serious or critical axe-core findings, with a
live alert on the dashboard, and the stop switch used by keyboard alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team
from openpes.web.accounts.services import user_create
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import MonitorRecord, SystemPause
from openpes.web.oversight.monitoring import oversight_run
from openpes.web.register.enums import CourseKind
from openpes.web.register.services import course_complete
from openpes.web.trail.models import AuditEvent
from tests.browser.pages import blocking_violations, sign_in
from tests.web.factories import UserFactory
from tests.web.oversight.world import population_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def monitored():
    population_create(lambda role, **kw: UserFactory(role=role, **kw), n=1200, seed=5)
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    oversight_run(period_days=30, mail=False)


def _trained(user):
    # Pausing needs the oversight AI-literacy course.
    course_complete(user=user, kind=CourseKind.OVERSIGHT, record=None, score=1.0)
    return user


def _check(page, url: str) -> dict[str, list[str]]:
    findings = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        if problems := blocking_violations(page):
            findings[f"{url} @{width}px"] = problems
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            findings[f"{url} @{width}px"] = [f"page scrolls sideways by {overflow}px"]
    return findings


def test_oversight_pages_have_no_serious_axe_findings(live_server, page, monitored):
    _trained(user_create(username="axe-officer", password=PASSWORD, role=Role.OVERSIGHT))
    sign_in(page, live_server.url, "axe-officer", PASSWORD)
    record = MonitorRecord.objects.get(
        team="", system_key="support_needs", monitor="human_decisions"
    )
    event = AuditEvent.objects.order_by("position").first()
    findings = {}
    for path in (
        reverse("oversight_home"),
        reverse("oversight_monitor", args=[record.pk]),
        reverse("oversight_trail"),
        reverse("oversight_trail") + "?since=2026-05-02&until=2026-05-01",
        reverse("oversight_trail_event", args=[event.position]),
    ):
        findings |= _check(page, f"{live_server.url}{path}")
    # The error state of a form: summary, messages at the fields.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{reverse('oversight_home')}")
    page.click("#system-matching summary")
    with page.expect_navigation():
        page.click("#system-matching button:has-text('Pause now')")
    assert page.locator("#error-summary").count() == 1
    if problems := blocking_violations(page):
        findings["pause form with errors"] = problems
    assert not findings, findings


def test_team_page_has_no_serious_axe_findings(live_server, page, monitored):
    lead = Team.objects.get(name="North").lead
    lead.set_password(PASSWORD)
    lead.save()
    sign_in(page, live_server.url, lead.username, PASSWORD)
    assert _check(page, f"{live_server.url}{reverse('oversight_team')}") == {}
    assert "coaching, not sanctions" in page.content()


def test_pause_by_keyboard_alone(live_server, page, db):
    _trained(user_create(username="kb-officer", password=PASSWORD, role=Role.OVERSIGHT))
    sign_in(page, live_server.url, "kb-officer", PASSWORD)
    page.goto(f"{live_server.url}{reverse('oversight_home')}")
    summary = page.locator("#system-support_needs summary")
    # Tab until the "Pause this system" disclosure of the support-needs model has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the pause control cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the team select: keep "The whole service"
    page.keyboard.press("Tab")
    page.keyboard.type("Planted override bias against one group")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    pause = SystemPause.objects.get()
    assert pause.system.key == "support_needs" and pause.team is None
    assert "Paused for the whole service since" in page.content()
