"""The admin writes every change to the trail, keeps records read-only, and erases on request."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team
from openpes.web.caseload.models import JobSeeker, JobSeekerSkill, ProtectedAttributes
from openpes.web.counselling.models import SuggestionDecision
from openpes.web.privacy.services import ERASED_TEXT
from openpes.web.trail.enums import Action
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import JobSeekerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user):
    client = Client()
    client.force_login(make_user(Role.ADMIN), backend="django.contrib.auth.backends.ModelBackend")
    return client


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("position"))


def test_adding_changing_and_deleting_through_the_admin_is_in_the_trail(admin_client):
    response = admin_client.post(
        "/admin/accounts/team/add/",
        {"name": "North", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(name="North")
    (added,) = _events(Action.ADMIN_ADDED)
    assert added.subject == f"accounts.team:{team.pk}"
    admin_client.post(
        f"/admin/accounts/team/{team.pk}/change/",
        {"name": "North-East", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
    )
    (changed,) = _events(Action.ADMIN_CHANGED)
    assert changed.details["fields"] == ["Name"] or "name" in str(changed.details["fields"]).lower()
    assert "North-East" not in str(changed.details), "values are not copied into the trail"
    admin_client.post(f"/admin/accounts/team/{team.pk}/delete/", {"post": "yes"})
    assert not Team.objects.filter(pk=team.pk).exists()
    (deleted,) = _events(Action.ADMIN_DELETED)
    assert deleted.subject == f"accounts.team:{team.pk}"
    assert trail_verify().intact


def test_a_change_to_a_user_account_is_in_the_trail_without_its_values(admin_client, make_user):
    user = make_user(Role.COUNSELLOR)
    response = admin_client.get(f"/admin/auth/user/{user.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "username": user.username,
            "first_name": "Renamed",
            "last_name": user.last_name,
            "email": "",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "groups": [g.pk for g in user.groups.all()],
        }
    )
    admin_client.post(f"/admin/auth/user/{user.pk}/change/", data)
    events = _events(Action.ADMIN_CHANGED)
    assert [e.subject for e in events] == [f"auth.user:{user.pk}"]
    assert "Renamed" not in str(events[0].details)


def test_personal_records_are_read_only_in_the_admin(admin_client):
    # A name no admin page could contain by chance (Faker's "Lang" is inside "Language").
    person = JobSeekerFactory(first_name="Ottoline", last_name="Quillfeather")
    view = admin_client.get(f"/admin/caseload/jobseeker/{person.pk}/change/")
    assert view.status_code == 200
    shown = view.content.decode()
    assert "Ottoline" not in shown and "Quillfeather" not in shown, "no names in the admin"
    assert _events(Action.RECORD_VIEWED), "reading a record in the admin is in the trail"
    assert f'href="/admin/caseload/jobseeker/{person.pk}/erase/"' in shown
    post = admin_client.post(f"/admin/caseload/jobseeker/{person.pk}/change/", {"region": "X"})
    assert post.status_code == 403
    delete = admin_client.post(f"/admin/caseload/jobseeker/{person.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert JobSeeker.objects.get(pk=person.pk).region == person.region


def _person_with_history(make_user):
    login = make_user(Role.JOBSEEKER)
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(user=login, counsellor=counsellor)
    JobSeekerSkill.objects.create(jobseeker=person, skill_uri="http://x/skill", source="self")
    ProtectedAttributes.objects.create(
        jobseeker=person, sex="female", age=40, origin="eu", disability=False
    )
    SuggestionDecision.objects.create(
        jobseeker=person,
        counsellor=counsellor,
        item_kind="vacancy",
        item_id="VAC-1",
        rank=1,
        score=0.5,
        verdict="accepted",
        reason="She told me about her divorce",
    )
    return person, login


def test_erasure_needs_a_reason_and_the_reference(admin_client, make_user):
    person, _ = _person_with_history(make_user)
    url = f"/admin/caseload/jobseeker/{person.pk}/erase/"
    response = admin_client.post(url, {"reason": "Art. 17 request", "confirm": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Type the reference {person.reference}" in page
    assert "Art. 17 request" in page, "the input is kept"
    assert JobSeeker.objects.get(pk=person.pk).last_name == person.last_name
    assert not _events(Action.RECORD_ERASED)


def test_erasure_removes_personal_data_and_keeps_the_trail_and_the_aggregates(
    admin_client, make_user
):
    person, login = _person_with_history(make_user)
    response = admin_client.post(
        f"/admin/caseload/jobseeker/{person.pk}/erase/",
        {"reason": "Art. 17 request of 1 Dec", "confirm": person.reference},
    )
    assert response.status_code == 302
    erased = JobSeeker.objects.get(pk=person.pk)
    assert (erased.first_name, erased.last_name, erased.user, erased.counsellor) == (
        "",
        "",
        None,
        None,
    )
    assert not JobSeekerSkill.objects.filter(jobseeker=erased).exists()
    assert not get_user_model().objects.filter(pk=login.pk).exists()
    assert SuggestionDecision.objects.get(jobseeker=erased).reason == ERASED_TEXT
    assert ProtectedAttributes.objects.filter(jobseeker=erased).exists(), "monitors keep them"
    assert erased.region == person.region and erased.registered_on == person.registered_on
    (event,) = _events(Action.RECORD_ERASED)
    assert event.subject == f"jobseeker:{person.reference}"
    assert trail_verify().intact


def test_the_admin_shows_a_reference_and_the_erase_link_and_nothing_of_the_record(admin_client):
    person = JobSeekerFactory(region="Northmarch", health_limitation=True, care_duties=True)
    page = admin_client.get(f"/admin/caseload/jobseeker/{person.pk}/change/").content.decode()
    assert person.reference in page
    for field in ("health_limitation", "care_duties", "isced", "previous_spells", "counsellor"):
        assert f'name="{field}"' not in page and f"field-{field}" not in page, field
    listing = admin_client.get("/admin/caseload/jobseeker/").content.decode()
    assert person.reference in listing and "Northmarch" not in listing


def test_a_bad_id_in_the_erase_address_is_not_found(admin_client):
    assert admin_client.get("/admin/caseload/jobseeker/abc/erase/").status_code == 404


def test_erasure_also_removes_notes_plans_answers_and_the_employer(admin_client, make_user):
    import datetime as dt

    from django.utils import timezone

    from openpes.web.casework.models import Appointment, CaseNote, PlanGoal, PlanStep
    from openpes.web.counselling.models import ReviewAnswer, ReviewRequest
    from openpes.web.outcomes.models import Outcome

    person, _ = _person_with_history(make_user)
    author = make_user(Role.COUNSELLOR)
    secret = "her son's illness"
    CaseNote.objects.create(
        jobseeker=person, author=author, kind="phone", occurred_on=dt.date(2026, 11, 2), text=secret
    )
    Appointment.objects.create(
        jobseeker=person, created_by=author, starts_at=timezone.now(), kind="phone", purpose=secret
    )
    goal = PlanGoal.objects.create(jobseeker=person, title=secret, created_by=author)
    PlanStep.objects.create(goal=goal, title=secret, created_by=author, due_on=dt.date(2026, 12, 9))
    review = ReviewRequest.objects.create(
        jobseeker=person,
        topic="data",
        data_field="region",
        message=secret,
        escalation_message=secret,
    )
    ReviewAnswer.objects.create(
        review=review, answered_by=author, outcome="keep", explanation=secret, would_change=secret
    )
    Outcome.objects.create(
        jobseeker=person,
        status="employed",
        observed_on=dt.date(2026, 11, 20),
        source="x",
        employer="Small family bakery",
    )
    admin_client.post(
        f"/admin/caseload/jobseeker/{person.pk}/erase/",
        {"reason": "Art. 17 request", "confirm": person.reference},
    )
    texts = [
        *CaseNote.objects.values_list("text", flat=True),
        *Appointment.objects.values_list("purpose", flat=True),
        *PlanGoal.objects.values_list("title", flat=True),
        *PlanStep.objects.values_list("title", flat=True),
        *ReviewRequest.objects.values_list("message", "escalation_message").get(),
        *ReviewAnswer.objects.values_list("explanation", "would_change").get(),
    ]
    assert texts and all(text == ERASED_TEXT for text in texts), texts
    outcome = Outcome.objects.get()
    assert (outcome.employer, outcome.status) == ("", "employed"), "the outcome itself stays"
    assert trail_verify().intact
