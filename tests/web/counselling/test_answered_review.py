"""Answering a request that is no longer open shows the request again and says why."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.counselling.models import ReviewAnswer
from openpes.web.counselling.review_services import review_escalate
from tests.web.clients import signed_in as _login
from tests.web.counselling.answered import answered_review
from tests.web.factories import JobSeekerFactory

TYPED = {
    "outcome": "keep",
    "explanation": "Typed a second time in another tab",
    "would_change": "A certificate would have changed it",
}


@pytest.fixture
def answered(db, make_user):
    lead, counsellor = make_user(Role.TEAM_LEAD), make_user(Role.COUNSELLOR)
    team_member_add(team=team_create(name="Central", lead=lead), user=counsellor)
    person = JobSeekerFactory(
        counsellor=counsellor, user=make_user(Role.JOBSEEKER), last_name="Quennevillier"
    )
    review = answered_review(counsellor=counsellor, person=person, message="My welding is missing")
    return lead, counsellor, person, review


def _assert_refused_at_the_answer(response, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 400, response.status_code
    summary = html[html.index('class="error-summary"') :]
    anchors = re.findall(r'href="#([^"]+)"', summary[: summary.index("</div>")])
    assert anchors and all(f'id="{a}"' in html for a in anchors), anchors
    block = html[html.index(f'id="{anchors[0]}"') :]
    block = block[: block.index("</div>")]
    assert message in block, "the message stands at the answer, not only in the summary"
    for typed in (TYPED["explanation"], TYPED["would_change"]):
        assert typed in block, "what was typed is kept"
    assert "My welding is missing" in html, "the request is shown again"


def test_answering_an_answered_request_says_so_on_the_request(answered):
    _, counsellor, _, review = answered
    response = _login(counsellor).post(reverse("review_detail", args=[review.pk]), TYPED)
    _assert_refused_at_the_answer(response, "already been answered")
    assert ReviewAnswer.objects.count() == 1


def test_answering_a_request_passed_to_the_team_lead_says_who_answers_it(answered):
    _, counsellor, person, review = answered
    review_escalate(actor=person.user, review=review, message="Please look again")
    response = _login(counsellor).post(reverse("review_detail", args=[review.pk]), TYPED)
    _assert_refused_at_the_answer(response, "passed to the team lead")
    assert ReviewAnswer.objects.count() == 1


def test_a_request_outside_the_caseload_stays_forbidden_and_tells_nothing(answered, make_user):
    _, _, _, review = answered
    stranger = _login(make_user(Role.COUNSELLOR))
    response = stranger.post(reverse("review_detail", args=[review.pk]), TYPED)
    assert response.status_code in (403, 404)
    body = response.content.decode()
    for secret in ("Quennevillier", "My welding is missing", "already been answered"):
        assert secret not in body, secret
