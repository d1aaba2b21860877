"""The stop switch: a pause takes hold on the next request, for both roles, and counsellors
keep working; every pause and resume is in the trail; a failing resume leaves it paused.

Each request below is a separate request through the full Django stack with no state kept
between them but the database, which is what a second gunicorn worker shares too
(test_live_workers.py checks the same on a live server with two workers).
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.urls import reverse

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.counselling.models import SupportAssessment
from openpes.web.oversight.models import AISystem, SystemPause
from openpes.web.oversight.selectors import pause_state
from openpes.web.oversight.services import system_pause, system_resume
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

pytestmark = pytest.mark.usefixtures("support_model_installed")

SUGGESTIONS = '<ol class="suggestions">'
MODEL_BAND = "What weighs most"
JOBSEEKER_MODEL = "The computer"


def _near_a_vacancy(catalogue_dir, **kwargs):
    """A job seeker at a vacancy of the test board holding its essential skills, so that the
    suggestions (which leave out irrelevant vacancies) are not empty."""
    import polars as pl

    from openpes.web.caseload.models import JobSeekerSkill

    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    person = JobSeekerFactory(
        lat=vacancy["lat"],
        lon=vacancy["lon"],
        max_distance_km=50,
        languages=["en", "de", "fr", "nl", "es"],
        driving_licence=True,
        **kwargs,
    )
    JobSeekerSkill.objects.bulk_create(
        JobSeekerSkill(jobseeker=person, skill_uri=uri, source="registration")
        for uri in vacancy["essential_skills"]
    )
    return person


@pytest.fixture
def world(make_user, catalogue_dir):
    counsellor = make_user(Role.COUNSELLOR)
    lead = make_user(Role.TEAM_LEAD)
    team = team_create(name="North", lead=lead)
    team_member_add(team=team, user=counsellor)
    person = _near_a_vacancy(catalogue_dir, counsellor=counsellor, user=make_user(Role.JOBSEEKER))
    return {
        "counsellor": _login(counsellor),
        "jobseeker": _login(person.user),
        "officer_user": make_user(Role.OVERSIGHT),
        "person": person,
        "team": team,
    }


def _pages(world) -> tuple[str, str]:
    detail = reverse("jobseeker_detail", args=[world["person"].reference])
    counsellor = world["counsellor"].get(detail).content.decode()
    jobseeker = world["jobseeker"].get(reverse("jobseeker_home")).content.decode()
    return counsellor, jobseeker


def _system(key: str) -> AISystem:
    return AISystem.objects.get(key=key)


def test_shipped_systems_exist_and_start_active(db):
    assert set(AISystem.objects.values_list("key", flat=True)) == {"matching", "support_needs"}
    assert not pause_state("matching", team=None).paused


def test_paused_systems_show_no_model_output_to_either_role(world):
    person = world["person"]
    begin = reverse("assessment_begin", args=[person.reference])
    counsellor, jobseeker = _pages(world)
    # The job seeker sees the model's explanation only with a decided assessment (issue 12).
    assert SUGGESTIONS in counsellor and SUGGESTIONS in jobseeker

    officer = world["officer_user"]
    for key in ("matching", "support_needs"):
        system_pause(system=_system(key), actor=officer, reason="Override bias against a group")
    world["counsellor"].post(begin, {"counsellor_band": "high"})
    counsellor, jobseeker = _pages(world)
    for page in (counsellor, jobseeker):
        assert SUGGESTIONS not in page and "Automatic suggestions are paused." in page
    assert MODEL_BAND not in counsellor and "The automatic assessment is paused." in counsellor
    assert JOBSEEKER_MODEL not in jobseeker and "The automatic assessment is paused." in jobseeker

    # The safe state: the counsellor still records their view and decides, without the model.
    response = world["counsellor"].post(
        reverse("assessment_decision", args=[person.reference]),
        {"final_band": "high", "reason": "Long gap since the last job"},
    )
    assert response.status_code == 302
    assessment = SupportAssessment.objects.get()
    assert assessment.final_band == "high" and assessment.model_band == ""

    for key in ("matching", "support_needs"):
        system_resume(system=_system(key), actor=officer, reason="Counsellors were briefed")
    world["counsellor"].post(begin, {"counsellor_band": "low"})
    counsellor, jobseeker = _pages(world)
    assert SUGGESTIONS in counsellor and MODEL_BAND in counsellor
    assert SUGGESTIONS in jobseeker and JOBSEEKER_MODEL in jobseeker


def test_a_team_pause_holds_only_for_that_team(world, make_user, catalogue_dir):
    other = make_user(Role.COUNSELLOR)
    outsider = _near_a_vacancy(catalogue_dir, counsellor=other)
    system_pause(
        system=_system("matching"),
        actor=world["officer_user"],
        reason="Pilot in team North",
        team=world["team"],
    )
    counsellor, jobseeker = _pages(world)
    assert SUGGESTIONS not in counsellor and SUGGESTIONS not in jobseeker
    page = _login(other).get(reverse("jobseeker_detail", args=[outsider.reference]))
    assert SUGGESTIONS in page.content.decode()


def test_pause_and_resume_need_reasons_and_are_in_the_trail(world):
    system, officer = _system("support_needs"), world["officer_user"]
    with pytest.raises(InputError):
        system_pause(system=system, actor=officer, reason="  ")
    system_pause(system=system, actor=officer, reason="Drift in the inputs")
    with pytest.raises(InputError):
        system_pause(system=system, actor=officer, reason="again")
    with pytest.raises(InputError):
        system_resume(system=system, actor=officer, reason="")
    system_resume(system=system, actor=officer, reason="Retrained and checked")
    events = list(AuditEvent.objects.filter(subject="ai_system:support_needs").order_by("position"))
    assert [e.action for e in events] == ["oversight.system_paused", "oversight.system_resumed"]
    assert events[0].actor == officer.username and events[0].details["reason"] == (
        "Drift in the inputs"
    )
    assert events[1].details["reason"] == "Retrained and checked"


def test_a_resume_that_fails_to_save_leaves_the_system_paused(world, monkeypatch):
    system, officer = _system("matching"), world["officer_user"]
    system_pause(system=system, actor=officer, reason="Suspected bias")

    def broken_disk(*args, **kwargs):
        raise DatabaseError("disk full")

    # The database refuses the trail event of the resume (as a full disk would).
    monkeypatch.setattr(AuditEvent.objects, "create", broken_disk)
    with pytest.raises(DatabaseError):
        system_resume(system=system, actor=officer, reason="Looks fine now")
    monkeypatch.undo()
    assert pause_state("matching", team=None).paused
    assert SystemPause.objects.get().resumed_at is None
    counsellor, _jobseeker = _pages(world)
    assert SUGGESTIONS not in counsellor


def test_an_unreadable_pause_state_counts_as_paused(db, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(SystemPause.objects, "filter", broken)
    assert pause_state("matching", team=None).paused
