"""AI literacy (Art. 4): courses from the register, completion, warn or block, team rates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.register import literacy_course, oversight_course
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.literacy import can_pause, completion_by_team, literacy_gate
from openpes.web.register.models import CourseCompletion
from openpes.web.register.selectors import record_core, record_get
from openpes.web.trail.models import AuditEvent
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def registered(db, support_model_installed):
    register_demo_seed()
    return record_get(system="support-needs")


def _answers(course, *, right=True):
    return {
        f"q_{q.id}": str(q.answer if right else (q.answer + 1) % len(q.options))
        for q in course.questions
    }


def test_course_is_generated_from_the_record_and_its_live_facts(registered):
    course = literacy_course(record_core(registered), language="nl")
    assert [s.id for s in course.sections] == [
        "purpose",
        "output",
        "limits",
        "automation-bias",
        "override",
        "pause",
    ]
    assert registered.forbidden_uses["nl"] in course.sections[0].question.options
    limits = " ".join(course.sections[2].paragraphs)
    assert "n =" in limits, "the group gaps come from the live audit"


def test_completing_a_course_needs_every_answer_right(client_for, registered, make_user):
    user = make_user(Role.COUNSELLOR)
    client = client_for(None)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("literacy_course", args=["support-needs"])
    course = literacy_course(record_core(registered), language="en")
    response = client.post(url, _answers(course, right=False))
    # A page that shows errors answers 400, as the app's other forms do.
    assert response.status_code == 400 and b'id="error-summary"' in response.content
    assert not CourseCompletion.objects.exists()
    assert client.post(url, _answers(course)).status_code == 302
    assert CourseCompletion.objects.filter(user=user, record=registered).exists()
    assert AuditEvent.objects.filter(action="register.course_completed", actor=user.username)


@pytest.mark.parametrize(("mode", "expected"), [("warn", "warn"), ("block", "block")])
def test_counsellor_without_the_course_is_warned_or_blocked(
    registered, make_user, monkeypatch, mode, expected
):
    monkeypatch.setenv("OPENPES_LITERACY_MODE", mode)
    counsellor = make_user(Role.COUNSELLOR)
    assert literacy_gate(counsellor, "support-needs") == expected
    CourseCompletion.objects.create(user=counsellor, kind="system", record=registered, score=1.0)
    assert literacy_gate(counsellor, "support-needs") == "ok"
    assert literacy_gate(make_user(Role.JOBSEEKER), "support-needs") == "ok"


def test_blocked_counsellor_does_not_see_the_models_output(
    client, registered, make_user, monkeypatch
):
    monkeypatch.setenv("OPENPES_LITERACY_MODE", "block")
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor)
    client.force_login(counsellor, backend="django.contrib.auth.backends.ModelBackend")
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "low"})
    page = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    assert reverse("literacy_course", args=["support-needs"]) in page
    assert "Model&#x27;s estimate" not in page and "Model's estimate" not in page
    monkeypatch.setenv("OPENPES_LITERACY_MODE", "warn")
    page = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    assert reverse("literacy_course", args=["support-needs"]) in page


def test_oversight_officers_pause_only_after_the_oversight_course(registered, make_user):
    officer = make_user(Role.OVERSIGHT)
    assert not can_pause(officer)
    CourseCompletion.objects.create(user=officer, kind="oversight", score=1.0)
    assert can_pause(officer)
    assert len(oversight_course().questions) == 2


def test_completion_rates_by_team(registered, make_user):
    lead = make_user(Role.TEAM_LEAD)
    team = team_create(name="North", lead=lead)
    done, not_done = make_user(Role.COUNSELLOR), make_user(Role.COUNSELLOR)
    for user in (done, not_done):
        team_member_add(team=team, user=user)
    for system in ("support-needs", "matching"):
        CourseCompletion.objects.create(
            user=done, kind="system", record=record_get(system=system), score=1.0
        )
    (north,) = [t for t in completion_by_team() if t.team == "North"]
    assert (north.members, north.completed, north.rate) == (2, 1, 0.5)


def test_readiness_shows_the_completion_evidence_with_small_teams_suppressed(registered, make_user):
    from openpes.web.register.literacy import completion_evidence

    lead = make_user(Role.TEAM_LEAD)
    small, large = team_create(name="Small", lead=lead), team_create(name="Large", lead=None)
    for index in range(12):
        team_member_add(team=large if index < 10 else small, user=make_user(Role.COUNSELLOR))
    evidence = completion_evidence()
    assert evidence.overall.members == 12
    assert [t.team for t in evidence.teams] == ["Large"] and evidence.hidden_teams == 1
