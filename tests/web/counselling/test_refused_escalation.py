"""A refused escalation (the request was passed on already) stands at the request it is about."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.review_services import review_escalate
from tests.web.counselling.answered import answered_review
from tests.web.factories import JobSeekerFactory

TYPED = "Please look again, the certificate is attached"


def _summary_anchors(html: str) -> list[str]:
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    return re.findall(r'href="#([^"]+)"', summary)


def test_a_second_escalation_is_refused_at_the_request_with_the_message_kept(db, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, user=make_user(Role.JOBSEEKER))
    review = answered_review(counsellor=counsellor, person=person, message="Skills are wrong")
    review_escalate(actor=person.user, review=review, message="First time")
    seeker = Client()
    seeker.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    again = seeker.post(reverse("my_review_escalate", args=[review.pk]), {"message": TYPED})
    assert again.status_code == 400
    html = again.content.decode()
    anchors = _summary_anchors(html)
    assert anchors, "the summary names the problem"
    for anchor in anchors:
        assert f'id="{anchor}"' in html, f"the summary link #{anchor} points at the page"
    block = html[html.index(f'id="review-{review.pk}"') :]
    block = block[: block.index("</li>")]
    assert "cannot be passed to the team lead" in block, "the message stands at the request"
    assert f'id="{anchors[0]}"' in block
    assert TYPED in block, "what was typed is kept"
