"""Case notes, appointments, the action plan, the workbench and the meeting summary."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.urls import reverse
from django.utils import timezone

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeekerSkill
from openpes.web.casework.models import CaseNote, PlanStep
from openpes.web.casework.services import goal_add, note_add, step_add
from openpes.web.counselling.models import ShownSuggestion, SupportAssessment
from openpes.web.counselling.review_services import review_request
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def case(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, user=make_user(Role.JOBSEEKER))
    return counsellor, person


def test_notes_are_visible_to_the_job_seeker_unless_internal_for_a_documented_reason(case):
    counsellor, person = case
    client = _login(counsellor)
    url = reverse("note_create", args=[person.reference])
    today = timezone.localdate().isoformat()
    client.post(
        url, {"note-kind": "phone", "note-occurred_on": today, "note-text": "Called about the CV"}
    )
    client.post(
        url,
        {
            "note-kind": "note",
            "note-occurred_on": today,
            "note-text": "The former employer said things about a colleague",
            "note-internal_reason": "third_party",
        },
    )
    refused = client.post(
        url,
        {
            "note-kind": "note",
            "note-occurred_on": today,
            "note-text": "Hidden because I prefer",
            "note-internal_reason": "i_prefer",
        },
    )
    assert (
        refused.status_code == 400 and 'href="#id_note-internal_reason"' in refused.content.decode()
    )
    assert "Hidden because I prefer" in refused.content.decode(), "the typed note is kept"
    assert CaseNote.objects.count() == 2
    own = _login(person.user).get(reverse("jobseeker_home")).content.decode()
    assert "Called about the CV" in own and "a colleague" not in own
    assert AuditEvent.objects.filter(details__kind="note.added").count() == 2


def test_an_appointment_in_the_past_is_refused_at_its_field(case):
    counsellor, person = case
    client = _login(counsellor)
    url = reverse("appointment_create", args=[person.reference])
    past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"appt-starts_at": past, "appt-kind": "meeting", "appt-purpose": "CV"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#id_appt-starts_at"' in html
    assert "An appointment must be in the future." in html
    future = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {"appt-starts_at": future, "appt-kind": "meeting", "appt-purpose": "Plan"})
    own = _login(person.user).get(reverse("jobseeker_home")).content.decode()
    assert "Plan" in own and "No appointment planned." not in own


def test_job_seeker_marks_own_steps_done_but_not_the_counsellors(case):
    counsellor, person = case
    goal = goal_add(actor=counsellor, jobseeker=person, title="Work in logistics")
    due = timezone.localdate() + dt.timedelta(days=7)
    mine = step_add(
        actor=counsellor,
        goal=goal,
        kind="course",
        title="Forklift course",
        owner="jobseeker",
        due_on=due,
    )
    theirs = step_add(
        actor=counsellor,
        goal=goal,
        kind="other",
        title="Call the employer",
        owner="counsellor",
        due_on=due,
    )
    seeker = _login(person.user)
    page = seeker.get(reverse("jobseeker_home")).content.decode()
    assert "Work in logistics" in page and "Forklift course" in page
    assert reverse("my_step_done", args=[theirs.pk]) not in page
    seeker.post(reverse("my_step_done", args=[mine.pk]))
    seeker.post(reverse("my_step_done", args=[theirs.pk]))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.done_at is not None and theirs.done_at is None
    stranger = JobSeekerFactory(user=None)
    other_goal = goal_add(actor=counsellor, jobseeker=stranger, title="Elsewhere")
    other = step_add(
        actor=counsellor,
        goal=other_goal,
        kind="other",
        title="x y z",
        owner="jobseeker",
        due_on=due,
    )
    assert seeker.post(reverse("my_step_done", args=[other.pk])).status_code == 404


def test_accepting_a_suggestion_can_add_it_to_the_plan(make_user, catalogue_dir):
    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(
        counsellor=counsellor,
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
    client = _login(counsellor)
    client.get(reverse("jobseeker_detail", args=[person.reference]))
    shown = ShownSuggestion.objects.get(item_id=vacancy["vacancy_id"])
    client.post(
        reverse("suggestion_decision", args=[person.reference]),
        {
            "shown": shown.pk,
            "item_id": shown.item_id,
            "verdict": "accepted",
            "reason": "Fits the skills and the hours",
            "add_to_plan": "on",
        },
    )
    step = PlanStep.objects.get()
    assert (step.vacancy_id, step.owner, step.kind) == (
        vacancy["vacancy_id"],
        "jobseeker",
        "vacancy",
    )


def test_workbench_sorts_filters_and_lands_on_what_needs_attention(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    quiet = JobSeekerFactory(
        counsellor=counsellor, last_name="Quiet", user=make_user(Role.JOBSEEKER)
    )
    recent = JobSeekerFactory(counsellor=counsellor, last_name="Recent")
    today = timezone.localdate()
    note_add(
        actor=counsellor,
        jobseeker=quiet,
        kind="phone",
        occurred_on=today - dt.timedelta(weeks=10),
        text="Old call",
    )
    note_add(
        actor=counsellor, jobseeker=recent, kind="meeting", occurred_on=today, text="Met today"
    )
    goal_add(actor=counsellor, jobseeker=recent, title="A goal")
    SupportAssessment.objects.create(
        jobseeker=recent,
        counsellor=counsellor,
        counsellor_band="high",
        final_band="high",
        reason="Agreed",
        decided_at=timezone.now(),
    )
    late = review_request(
        actor=quiet.user, jobseeker=quiet, item="data:skills", message="Wrong skills"
    )
    type(late).objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=1))
    client = _login(counsellor)
    html = client.get(reverse("counsellor_home")).content.decode()
    attention = html[html.index("Needs attention") : html.index("Job seekers in your caseload")]
    assert "Quiet" in attention.split("No contact for")[0], "overdue review listed"
    assert "Quiet" in attention.split("No contact for")[1].split("No action plan")[0]
    assert "Recent" not in attention.split("No contact for")[1].split("No action plan")[0]
    by_contact = client.get(reverse("counsellor_home"), {"sort": "last_contact"}).content.decode()
    assert by_contact.index("Quiet, ") < by_contact.rindex("Recent, ")
    high = client.get(reverse("counsellor_home"), {"band": "high"}).content.decode()
    rows = high[high.index("<tbody>") :]
    assert "Recent, " in rows and "Quiet, " not in rows
    reviews = client.get(reverse("counsellor_home"), {"reviews": "open"}).content.decode()
    rows = reviews[reviews.index("<tbody>") :]
    assert "Quiet, " in rows and "Recent, " not in rows


def test_meeting_summary_is_printable_in_the_job_seekers_language(case):
    counsellor, person = case
    person.languages = ["fr", "en"]
    person.save()
    goal_add(actor=counsellor, jobseeker=person, title="Travailler en logistique")
    html = (
        _login(counsellor).get(reverse("meeting_summary", args=[person.reference])).content.decode()
    )
    assert '<html lang="fr">' in html and "Votre plan d" in html
    assert "Travailler en logistique" in html
    assert AuditEvent.objects.filter(
        action="record.viewed", details__page="meeting-summary"
    ).exists()


def test_needs_attention_puts_the_never_contacted_first_and_keeps_twenty_per_list(make_user):
    from openpes.web.casework.selectors import ATTENTION_LIMIT, needs_attention

    counsellor = make_user(Role.COUNSELLOR)
    today = timezone.localdate()
    late = JobSeekerFactory(counsellor=counsellor, last_name="Late")
    later = JobSeekerFactory(counsellor=counsellor, last_name="Later")
    never = JobSeekerFactory(counsellor=counsellor, last_name="Never")
    recent = JobSeekerFactory(counsellor=counsellor, last_name="Recent")
    for person, weeks in ((late, 8), (later, 12), (recent, 1)):
        note_add(
            actor=counsellor,
            jobseeker=person,
            kind="phone",
            occurred_on=today - dt.timedelta(weeks=weeks),
            text="A call",
        )
    others = [
        JobSeekerFactory(
            counsellor=counsellor,
            last_name=f"Planless {n:02d}",
            registered_on=today - dt.timedelta(days=400 - n),
        )
        for n in range(ATTENTION_LIMIT + 3)
    ]
    for person in others:  # seen this week: not in the no-contact list
        note_add(actor=counsellor, jobseeker=person, kind="meeting", occurred_on=today, text="Met")
    goal_add(actor=counsellor, jobseeker=recent, title="A goal")
    lists = needs_attention(counsellor=counsellor)
    contact = [p.last_name for p in lists["no_contact"]]
    assert contact == ["Never", "Later", "Late"], "never contacted first, then the longest ago"
    assert lists["no_contact"][0].last_contact is None
    no_plan = lists["no_plan"]
    assert len(no_plan) == ATTENTION_LIMIT and "Recent" not in [p.last_name for p in no_plan]
    dates = [p.registered_on for p in no_plan]
    planless = [late, later, never, *others]
    assert dates == sorted(dates)
    assert dates[0] == min(p.registered_on for p in planless), "the longest registered first"
    assert lists["overdue_reviews"] == []
