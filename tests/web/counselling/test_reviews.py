"""The human-review loop: ask about one item, answer with reasons, escalate once."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest
from django.urls import reverse
from django.utils import timezone

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.caseload.models import JobSeekerSkill, ProtectedAttributes
from openpes.web.counselling.enums import ReviewStatus
from openpes.web.counselling.models import (
    ReviewAnswer,
    ReviewRequest,
    ShownSuggestion,
    SuggestionDecision,
)
from openpes.web.counselling.review_selectors import review_inbox, review_outcomes_by_group
from openpes.web.counselling.review_services import review_request
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def loop(make_user, catalogue_dir):
    """A job seeker near a vacancy, their counsellor, and the counsellor's team lead."""
    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    lead, counsellor = make_user(Role.TEAM_LEAD), make_user(Role.COUNSELLOR)
    team_member_add(team=team_create(name="Central", lead=lead), user=counsellor)
    person = JobSeekerFactory(
        counsellor=counsellor,
        user=make_user(Role.JOBSEEKER),
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
    return lead, counsellor, person, vacancy["vacancy_id"]


def _ask_about_vacancy(person, vacancy_id, message="The shifts are at night; I care for my son"):
    seeker = _login(person.user)
    seeker.get(reverse("jobseeker_home"))
    shown = ShownSuggestion.objects.get(suggestion_set__shown_to=person.user, item_id=vacancy_id)
    seeker.post(
        reverse("my_review_request"), {"item": f"suggestion:{shown.pk}", "message": message}
    )
    return seeker, ReviewRequest.objects.get()


def test_the_whole_loop_reaches_a_person_and_comes_back(loop, settings):
    settings.OPENPES_REVIEW_DEADLINE_DAYS = 20
    lead, counsellor, person, vacancy_id = loop
    seeker, review = _ask_about_vacancy(person, vacancy_id)
    assert review.due_on == timezone.localdate() + dt.timedelta(days=20)
    counselling = _login(counsellor)
    inbox = counselling.get(reverse("review_inbox")).content.decode()
    assert person.last_name in inbox and vacancy_id in inbox
    detail = reverse("review_detail", args=[review.pk])
    assert "The shifts are at night" in counselling.get(detail).content.decode()
    empty = counselling.post(detail, {"outcome": "change", "explanation": "", "would_change": ""})
    assert empty.status_code == 400 and 'href="#id_explanation"' in empty.content.decode()
    assert 'value="change"' in empty.content.decode() and not ReviewAnswer.objects.exists()
    counselling.post(
        detail,
        {
            "outcome": "change",
            "new_verdict": "rejected",
            "explanation": "Night shifts do not fit your care duties; we do not suggest them.",
            "would_change": "A day-shift variant of this job would be suggested.",
        },
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.ANSWERED
    decision = SuggestionDecision.objects.get()
    assert (decision.item_id, decision.verdict, decision.counsellor) == (
        vacancy_id,
        "rejected",
        counsellor,
    )
    assert review not in review_inbox(user=counsellor)
    page = seeker.get(reverse("jobseeker_home")).content.decode()
    assert "Night shifts do not fit your care duties" in page
    assert "A day-shift variant of this job would be suggested." in page
    assert "Your counsellor set this vacancy aside" in page, "a rejected suggestion is marked"
    # Escalate once; the team lead answers; the counsellor may no longer.
    escalate = reverse("my_review_escalate", args=[review.pk])
    seeker.post(escalate, {"message": "I would like the team lead to look at it"})
    review.refresh_from_db()
    assert review.status == ReviewStatus.ESCALATED
    again = seeker.post(escalate, {"message": "And once more"})
    assert again.status_code == 400 and "cannot be passed" in again.content.decode()
    # Passed on: the counsellor is told that the team lead answers it now (no bare 403).
    passed_on = counselling.post(detail, {"outcome": "keep"})
    assert passed_on.status_code == 400 and "passed to the team lead" in passed_on.content.decode()
    assert review in review_inbox(user=lead)
    _login(lead).post(
        detail,
        {
            "outcome": "keep",
            "explanation": "I agree with the counsellor: the shift pattern decides it.",
            "would_change": "Another shift pattern.",
        },
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and review.answers.count() == 2
    kinds = [
        e.details.get("kind")
        for e in AuditEvent.objects.filter(subject=f"jobseeker:{person.reference}")
        if str(e.details.get("kind", "")).startswith("review.")
    ]
    assert kinds == [
        "review.requested",
        "review.opened",
        "review.opened",  # the empty answer showed the request again
        "review.answered",
        "review.escalated",
        "review.opened",  # the refused answer showed the request again
        "review.answered",
    ]
    assert trail_verify().intact


def test_only_items_shown_to_the_job_seeker_can_be_reviewed(loop):
    _, counsellor, person, vacancy_id = loop
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    shown_to_counsellor = ShownSuggestion.objects.get(
        suggestion_set__shown_to=counsellor, item_id=vacancy_id
    )
    seeker = _login(person.user)
    for item in (f"suggestion:{shown_to_counsellor.pk}", "assessment:1", "data:protected", ""):
        response = seeker.post(reverse("my_review_request"), {"item": item, "message": "Wrong"})
        assert response.status_code == 400
    assert not ReviewRequest.objects.exists()
    seeker.post(reverse("my_review_request"), {"item": "data:skills", "message": "I can weld"})
    assert ReviewRequest.objects.get().data_field == "skills"


def test_others_cannot_read_or_answer_a_request(loop, make_user):
    _, _, person, vacancy_id = loop
    _, review = _ask_about_vacancy(person, vacancy_id)
    stranger = _login(make_user(Role.COUNSELLOR))
    detail = reverse("review_detail", args=[review.pk])
    assert stranger.get(detail).status_code == 403
    assert stranger.post(detail, {"outcome": "keep"}).status_code == 403
    inbox = stranger.get(reverse("review_inbox")).content.decode()
    # As a word: a Faker name such as "Lang" is also inside the page's "Language".
    assert not re.search(rf"\b{re.escape(person.last_name)}\b", inbox)
    assert person.reference not in inbox
    assert _login(person.user).get(detail).status_code == 403


def test_overdue_requests_come_first(loop):
    _, counsellor, person, _ = loop
    late = review_request(actor=person.user, jobseeker=person, item="data:skills", message="Skills")
    soon = review_request(
        actor=person.user, jobseeker=person, item="data:languages", message="Langs"
    )
    ReviewRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    assert list(review_inbox(user=counsellor)) == [late, soon]
    html = _login(counsellor).get(reverse("review_inbox")).content.decode()
    assert "Overdue requests: 1." in html and html.index("My skills") < html.index("My languages")


def test_outcomes_by_group_for_oversight(loop):
    _, counsellor, person, _ = loop
    ProtectedAttributes.objects.create(jobseeker=person, sex="female", age=52, origin="eu")
    review_request(actor=person.user, jobseeker=person, item="data:skills", message="Wrong")
    by_sex = review_outcomes_by_group(attribute="sex")
    assert by_sex == [
        {
            "group": "female",
            "requests": 1,
            "open": 1,
            "keep": 0,
            "change": 0,
            "correct": 0,
            "escalated": 0,
        }
    ]
    assert review_outcomes_by_group(attribute="age_band")[0]["group"] == "50+"
    with pytest.raises(ValueError):
        review_outcomes_by_group(attribute="name")


def test_the_same_request_sent_twice_is_kept_once(loop):
    # Two tabs, one submit each: the second is answered as sent, and points to the first.
    _, _, person, vacancy_id = loop
    seeker, review = _ask_about_vacancy(person, vacancy_id)
    again = seeker.post(
        reverse("my_review_request"),
        {"item": f"suggestion:{review.shown_id}", "message": review.message},
        follow=True,
    )
    assert again.redirect_chain == [(reverse("jobseeker_home"), 302)]
    assert "Your request was sent." in again.content.decode()
    assert ReviewRequest.objects.get() == review

    def asked():
        return AuditEvent.objects.filter(details__kind="review.requested")

    assert [event.details["request"] for event in asked()] == [review.pk]
    same = review_request(
        actor=person.user,
        jobseeker=person,
        item=f"suggestion:{review.shown_id}",
        message=review.message,
    )
    assert same == review and asked().count() == 1
    # Another message, or the same once the first is answered, is a new request.
    other = review_request(
        actor=person.user, jobseeker=person, item=f"suggestion:{review.shown_id}", message="Also"
    )
    ReviewRequest.objects.filter(pk=review.pk).update(status=ReviewStatus.ANSWERED)
    later = review_request(
        actor=person.user,
        jobseeker=person,
        item=f"suggestion:{review.shown_id}",
        message=review.message,
    )
    assert len({review.pk, other.pk, later.pk}) == 3 and asked().count() == 3
