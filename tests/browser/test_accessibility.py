"""axe-core over every page, for every role, plus keyboard-only use and a 320 px screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.i18n import LANGUAGES
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.models import JobSeekerSkill
from tests.browser.pages import blocking_violations, sign_in
from tests.web.access_matrix import MATRIX
from tests.web.factories import JobSeekerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("support_model_installed"),
]
PASSWORD = "a-long-browser-test-passphrase"


def _pages_for(role: Role) -> list[str]:
    # JSON, an htmx fragment and downloads, not pages; and the API's interactive docs, which
    # are Swagger UI as drf-spectacular-sidecar ships it (developer tooling, not a page of the
    # service; its own findings are listed in the closing notes and docs/integration.md).
    skip = {
        "healthz",
        "my_skill_search",
        "my_data_json",
        "my_data_html",
        "public_ai_csv",
        "api_schema",
        "api_docs",
    }
    return [
        reverse(name)
        for name, expected in MATRIX.items()
        if expected[role.value] == 200 and name not in skip
    ]


def _record_pages(role: Role, user) -> list[str]:
    """Pages that need a job seeker's record, with a skill search shown."""
    if role == Role.JOBSEEKER:
        person = JobSeekerFactory(user=user)
        JobSeekerSkill.objects.create(
            jobseeker=person, skill_uri=_any_skill(), source="registration"
        )
        # A word ESCO does not know: the results' "unsure" line is under axe too.
        return [f"{reverse('jobseeker_home')}?skill_q=xyzzy"]
    if role in (Role.COUNSELLOR, Role.TEAM_LEAD):
        person = JobSeekerFactory(counsellor=user)
        JobSeekerSkill.objects.create(
            jobseeker=person, skill_uri=_any_skill(), source="registration"
        )
        return [f"{reverse('jobseeker_detail', args=[person.reference])}?skill_q=welding"]
    return []


def _any_skill() -> str:
    from openpes.web.caseload.taxonomy import taxonomy

    return taxonomy().search("customer service", kind="skill", limit=1)[0].uri


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_page_has_no_serious_axe_findings(live_server, page, role):
    user = user_create(username=f"axe-{role.value}", password=PASSWORD, role=role)
    extra = _record_pages(role, user)
    sign_in(page, live_server.url, f"axe-{role.value}", PASSWORD)
    findings = {}
    for path in _pages_for(role) + extra:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}")
            if problems := blocking_violations(page):
                findings[f"{path} @{width}px"] = problems
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0 and not path.startswith("/admin/"):
                findings[f"{path} @{width}px"] = [f"page scrolls sideways by {overflow}px"]
    assert not findings, findings


def test_anonymous_pages_have_no_serious_axe_findings(live_server, page):
    for language in LANGUAGES:
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto(f"{live_server.url}{reverse('login')}")
        assert page.get_attribute("html", "lang") == language
        assert blocking_violations(page) == []
    page.fill("#id_username", "nobody")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    assert blocking_violations(page) == [], "the login form with errors must stay accessible"


def _tab_to(page, condition: str, limit: int = 40) -> bool:
    """Press Tab until the JavaScript condition on ``el`` (the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({condition}))(document.activeElement)"):
            return True
    return False


def test_keyboard_only_sign_in_and_out(live_server, page):
    user_create(username="keyboard", password=PASSWORD, role=Role.COUNSELLOR)
    page.goto(f"{live_server.url}{reverse('login')}")
    assert _tab_to(page, "el.classList.contains('skip-link')"), "the skip link must be reachable"
    assert page.is_visible(".skip-link"), "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", (
        "the skip link must move focus to main"
    )
    assert _tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("keyboard")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{reverse('counsellor_home')}")
    assert _tab_to(page, "el.textContent.trim() === 'Sign out'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{reverse('login')}")
