"""axe-core on every readiness page in every language and at 320 px, and keyboard-only answering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.i18n import LANGUAGES
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.readiness.demo import readiness_demo_seed
from openpes.web.readiness.models import Assessment
from openpes.web.readiness.services import respondent_invite
from tests.browser.pages import blocking_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-passphrase"


def _pages(assessment: Assessment, respondent_pk: int) -> list[str]:
    return [
        reverse("readiness_home"),
        reverse("readiness_detail", args=[assessment.pk]),
        reverse("readiness_answer", args=[assessment.pk, respondent_pk, 1]),
        reverse("readiness_roadmap", args=[assessment.pk]),
        reverse("readiness_benchmark", args=[assessment.pk]) + "?group_by=size_band",
        reverse("readiness_compare", args=[assessment.pk]),
    ]


@pytest.mark.slow
def test_readiness_pages_have_no_serious_axe_findings(live_server, page):
    readiness_demo_seed()
    admin = user_create(username="axe-readiness", password=PASSWORD, role=Role.ADMIN)
    assessment = Assessment.objects.order_by("-created_at").first()
    slot = respondent_invite(
        actor=admin, assessment=assessment, group="front_line", label="Counsellor"
    )
    sign_in(page, live_server.url, "axe-readiness", PASSWORD)
    findings = {}
    for language in LANGUAGES:
        page.set_extra_http_headers({"Accept-Language": language})
        for path in _pages(assessment, slot.pk):
            for width in (1280, 320) if language == "en" else (1280,):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{live_server.url}{path}")
                assert page.get_attribute("html", "lang") == language
                if problems := blocking_violations(page):
                    findings[f"{path} [{language}] @{width}px"] = problems
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    findings[f"{path} @{width}px"] = [f"page scrolls sideways by {overflow}px"]
    assert not findings, findings


def test_answering_with_the_keyboard_only(live_server, page):
    lead = user_create(username="keyboard-lead", password=PASSWORD, role=Role.TEAM_LEAD)
    from openpes.web.readiness.services import assessment_start

    assessment = assessment_start(
        actor=lead, title="Keyboard round", organisation_name="PES of Keyland (fictional)"
    )
    respondent = respondent_invite(
        actor=lead, assessment=assessment, group="leadership", label="Me"
    )
    sign_in(page, live_server.url, "keyboard-lead", PASSWORD)
    page.goto(
        f"{live_server.url}{reverse('readiness_answer', args=[assessment.pk, respondent.pk, 1])}"
    )
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "leadership__strategy":
            break
    else:
        pytest.fail("the first question cannot be reached with Tab")
    # Arrow keys move within a radio group and select; choose level 1.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "1"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "next":
            break
    else:
        pytest.fail("'Save and continue' cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("readiness_answer", args=[assessment.pk, respondent.pk, 2]))
    respondent.refresh_from_db()
    assert respondent.answers == {"leadership.strategy": 1}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printable_report_has_no_serious_axe_findings(page, language):
    from openpes import readiness as core

    organisations = core.demo_organisations()
    results = [core.score(a) for a in organisations]
    result = results[0]
    report = core.to_html(
        result,
        roadmap=core.roadmap(result),
        benchmark=core.benchmark(result, [core.share(r) for r in results]),
        language=language,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_content(report)
    assert page.get_attribute("html", "lang") == language
    assert not blocking_violations(page)


def test_errors_are_summarised_linked_and_shown_at_their_field(live_server, page):
    lead = user_create(username="error-lead", password=PASSWORD, role=Role.TEAM_LEAD)
    from openpes.web.readiness.services import assessment_start

    assessment = assessment_start(
        actor=lead, title="Error round", organisation_name="PES of Errland (fictional)"
    )
    sign_in(page, live_server.url, "error-lead", PASSWORD)
    findings = {}
    # Starting without a title.
    page.goto(f"{live_server.url}{reverse('readiness_home')}")
    page.fill("#id_title", "")
    page.fill("#id_region", "south")
    page.click("#start-heading ~ form button[type=submit]")
    assert page.locator("#start-errors a[href='#id_title']").count() == 1
    assert page.locator("#id_title_errors").count() == 1
    assert page.input_value("#id_region") == "south"
    if problems := blocking_violations(page):
        findings["start"] = problems
    # Adding a respondent without a label: the summary's link moves to the field.
    page.goto(f"{live_server.url}{reverse('readiness_detail', args=[assessment.pk])}")
    page.select_option("#id_group", "it_data")
    page.click("form[aria-labelledby=invite-heading] button[type=submit]")
    link = page.locator("#invite-errors a[href='#id_label']")
    assert link.count() == 1 and page.locator("#id_label_errors").count() == 1
    assert page.input_value("#id_group") == "it_data"
    if problems := blocking_violations(page):
        findings["invite"] = problems
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_label"
    assert not findings, findings
