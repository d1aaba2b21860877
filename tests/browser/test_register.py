"""The register's pages in a real browser: axe-core, keyboard use, the GOV.UK error pattern."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.i18n import LANGUAGES
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.models import Publication
from tests.browser.pages import blocking_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("support_model_installed"),
]
PASSWORD = "a-long-browser-test-passphrase"


def _tab_to(page, condition: str, limit: int = 80) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({condition}))(document.activeElement)"):
            return True
    return False


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_ai_page_is_accessible_anonymously(live_server, page, language):
    register_demo_seed()
    page.set_extra_http_headers({"Accept-Language": language})
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{reverse('public_ai')}")
        assert page.get_attribute("html", "lang") == language
        assert page.locator("section.card h3").count() == 2
        assert blocking_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page scrolls sideways by {overflow}px at {width}px"


def test_error_report_by_keyboard_with_the_error_pattern(live_server, page):
    register_demo_seed()
    page.goto(f"{live_server.url}{reverse('public_ai')}")
    assert _tab_to(page, "el.tagName === 'A' && el.textContent.includes('Report an error')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/")
    assert _tab_to(page, "el.id === 'id_contact'")
    page.keyboard.type("me@example.org")
    assert _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    assert page.title().startswith("Error:")
    assert page.is_visible("#error-summary a[href='#id_message']")
    assert page.is_visible("#id_message_errors")
    assert page.input_value("#id_contact") == "me@example.org", "input is kept"
    assert blocking_violations(page) == []
    page.click("#error-summary a[href='#id_message']")
    assert page.evaluate("document.activeElement.id") == "id_message"
    page.keyboard.type("The contact address is wrong.")
    page.click("button[type=submit].primary")
    # The browser keeps the #id_message fragment across the redirect.
    page.wait_for_url(f"{live_server.url}{reverse('public_ai')}*")
    assert "Thank you" in page.inner_text(".messages")


def test_register_fria_and_course_pages_are_accessible(live_server, page):
    register_demo_seed()
    user_create(username="axe-register", password=PASSWORD, role=Role.ADMIN)
    sign_in(page, live_server.url, "axe-register", PASSWORD)
    publication = Publication.objects.first()
    paths = [
        reverse("register_home"),
        reverse("register_fria", args=["support-needs"]),
        reverse("literacy_home"),
        reverse("literacy_course", args=["support-needs"]),
        reverse("literacy_course", args=["oversight"]),
        reverse("public_ai_report", args=[publication.pk]),
        reverse("register_document", args=["support-needs", "annex-iv", "html"]),
        reverse("register_document", args=["support-needs", "fria", "html"]),
        reverse("public_ai_download", args=[publication.pk, "atrs-html"]),
    ]
    findings = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        if problems := blocking_violations(page):
            findings[path] = problems
    page.goto(f"{live_server.url}{reverse('literacy_course', args=['support-needs'])}")
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    if problems := blocking_violations(page):
        findings["course with errors"] = problems
    assert not findings, findings
