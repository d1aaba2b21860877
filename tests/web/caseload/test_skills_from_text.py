"""Skills found in a pasted text: suggested, ticked by a person, never added silently."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeekerSkill
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.trail.models import AuditEvent
from openpes.web.www.case_pages.skill_text import SKILL_TEXT_MAX
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
CV = "I operated forklifts in a warehouse for five years.\n- Fluent in Spanish."


@pytest.fixture
def counsellor_and_person(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    return _login(counsellor), JobSeekerFactory(counsellor=counsellor)


def _found(text: str) -> list[str]:
    return [hit.uri for hit in taxonomy().extract_skills(text)]


def test_finding_skills_shows_them_with_their_words_and_adds_nothing(counsellor_and_person):
    client, person = counsellor_and_person
    before = set(
        JobSeekerSkill.objects.filter(jobseeker=person).values_list("skill_uri", flat=True)
    )
    url = reverse("caseload_skill_text", args=[person.reference])
    response = client.post(url, {"skill_text": CV, "find": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert FORKLIFT in _found(CV)
    assert f'name="chosen" value="{FORKLIFT}"' in html and "operate forklift" in html
    assert "From: “I operated forklifts" in html or "operated forklifts" in html
    assert CV.splitlines()[0] in html, "the text stays in the box"
    after = set(JobSeekerSkill.objects.filter(jobseeker=person).values_list("skill_uri", flat=True))
    assert after == before, "finding is not adding"
    assert not AuditEvent.objects.filter(action="record.changed").exists()
    assert CV not in str(list(AuditEvent.objects.values_list("details", flat=True))), (
        "the pasted text is not written to the trail"
    )


def test_ticked_skills_are_added_by_the_person_and_trailed(counsellor_and_person):
    client, person = counsellor_and_person
    url = reverse("caseload_skill_text", args=[person.reference])
    response = client.post(url, {"skill_text": CV, "chosen": [FORKLIFT], "add": "1"}, follow=True)
    assert "1 skill added: operate forklift" in response.content.decode()
    skill = JobSeekerSkill.objects.get(jobseeker=person, skill_uri=FORKLIFT)
    assert skill.source == "counsellor"
    assert AuditEvent.objects.filter(
        action="record.changed", details__skill_added=FORKLIFT
    ).exists()
    # Found again, it is marked as recorded and cannot be ticked twice.
    html = client.post(url, {"skill_text": CV, "find": "1"}).content.decode()
    assert "Found and already recorded" in html and f'name="chosen" value="{FORKLIFT}"' not in html


def test_a_skill_the_text_did_not_give_cannot_be_added(counsellor_and_person):
    client, person = counsellor_and_person
    other = taxonomy().search("Python", kind="skill", limit=1)[0].uri
    assert other not in _found(CV)
    response = client.post(
        reverse("caseload_skill_text", args=[person.reference]),
        {"skill_text": CV, "chosen": [other], "add": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "was not found in this text" in html
    assert not JobSeekerSkill.objects.filter(jobseeker=person, skill_uri=other).exists()


def test_errors_follow_the_pattern_and_keep_the_input(counsellor_and_person):
    client, person = counsellor_and_person
    url = reverse("caseload_skill_text", args=[person.reference])
    empty = client.post(url, {"skill_text": "  ", "find": "1"})
    html = empty.content.decode()
    assert empty.status_code == 400 and "There is a problem" in html
    assert 'href="#id_skill_text"' in html and 'id="id_skill_text_errors"' in html
    assert "Paste or type a text" in html
    long = "I can weld. " * (SKILL_TEXT_MAX // 10)
    html = client.post(url, {"skill_text": long, "find": "1"}).content.decode()
    assert "Shorten the text" in html and "I can weld. I can weld." in html
    none = client.post(url, {"skill_text": CV, "add": "1"})
    html = none.content.decode()
    assert none.status_code == 400 and 'href="#id_chosen_0"' in html
    assert "Choose at least one skill" in html and 'id="id_chosen_errors"' in html


def test_another_counsellors_person_is_refused(make_user, counsellor_and_person):
    _, person = counsellor_and_person
    stranger = _login(make_user(Role.COUNSELLOR))
    response = stranger.post(
        reverse("caseload_skill_text", args=[person.reference]),
        {"skill_text": CV, "chosen": [FORKLIFT], "add": "1"},
    )
    assert response.status_code == 403
    assert not JobSeekerSkill.objects.filter(jobseeker=person, skill_uri=FORKLIFT).exists()


def test_a_job_seeker_adds_skills_from_their_own_cv(make_user):
    user = make_user(Role.JOBSEEKER)
    person = JobSeekerFactory(user=user)
    client = _login(user)
    page = client.get(reverse("jobseeker_home")).content.decode()
    assert "Add skills from a text" in page and reverse("my_skill_text") in page
    found = client.post(reverse("my_skill_text"), {"skill_text": CV, "find": "1"})
    assert (
        found.status_code == 200 and f'name="chosen" value="{FORKLIFT}"' in found.content.decode()
    )
    client.post(reverse("my_skill_text"), {"skill_text": CV, "chosen": [FORKLIFT], "add": "1"})
    assert JobSeekerSkill.objects.get(jobseeker=person, skill_uri=FORKLIFT).source == "self"


def test_the_form_speaks_the_page_language(counsellor_and_person):
    client, person = counsellor_and_person
    html = client.post(
        reverse("caseload_skill_text", args=[person.reference]),
        {"skill_text": "", "find": "1"},
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()
    assert "Collez ou saisissez un texte" in html
