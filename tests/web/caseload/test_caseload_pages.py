from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import team_create, team_member_add
from openpes.web.caseload.models import JobSeekerSkill, ProtectedAttributes
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def two_counsellors(make_user):
    return make_user(Role.COUNSELLOR), make_user(Role.COUNSELLOR)


def _skill_uri(text: str) -> str:
    return taxonomy().search(text, kind="skill", limit=1)[0].uri


def test_caseload_lists_only_own_job_seekers(two_counsellors):
    mine, theirs = two_counsellors
    own = JobSeekerFactory.create_batch(3, counsellor=mine)
    other = JobSeekerFactory(counsellor=theirs)
    html = _login(mine).get(reverse("counsellor_home")).content.decode()
    assert all(person.reference in html for person in own)
    assert other.reference not in html


def test_caseload_search_filter_sort_and_paginate(two_counsellors):
    mine, _ = two_counsellors
    JobSeekerFactory.create_batch(30, counsellor=mine, region="Greenholm")
    target = JobSeekerFactory(counsellor=mine, last_name="Zyxwv", region="Saltmarsh Bay")
    client = _login(mine)
    found = client.get(reverse("counsellor_home"), {"q": "zyxwv"}).content.decode()
    assert target.reference in found and "1 job seeker" in found
    by_region = client.get(reverse("counsellor_home"), {"region": "Saltmarsh Bay"}).content.decode()
    assert target.reference in by_region and "1 job seeker" in by_region
    first_page = client.get(reverse("counsellor_home")).content.decode()
    assert "Page 1 of 2" in first_page
    partial = client.get(
        reverse("counsellor_home"), {"q": "zyxwv"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in partial and target.reference in partial


def test_other_counsellors_job_seeker_is_forbidden_and_logged(two_counsellors):
    mine, theirs = two_counsellors
    other = JobSeekerFactory(counsellor=theirs)
    response = _login(mine).get(reverse("jobseeker_detail", args=[other.reference]))
    assert response.status_code == 403
    denied = AuditEvent.objects.get(action="access.denied")
    assert denied.actor == mine.username and other.reference in denied.subject
    assert not AuditEvent.objects.filter(action="record.viewed").exists()


def test_opening_a_record_is_logged_and_hides_protected_attributes(two_counsellors):
    mine, _ = two_counsellors
    person = JobSeekerFactory(counsellor=mine)
    ProtectedAttributes.objects.create(
        jobseeker=person, sex="female", age=57, origin="non_eu", disability=True
    )
    html = _login(mine).get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    viewed = AuditEvent.objects.get(action="record.viewed")
    assert viewed.subject == f"jobseeker:{person.reference}" and viewed.actor == mine.username
    lowered = html.lower()
    for forbidden in (
        "female",
        "non_eu",
        "non-eu",
        ">57<",
        "<dt>sex",
        "<dt>age",
        "<dt>origin",
        "<dt>disab",
    ):
        assert forbidden not in lowered, f"{forbidden!r} must never reach a counsellor"


def test_team_lead_sees_team_members_records_but_not_others(make_user):
    lead, member, outsider = (
        make_user(Role.TEAM_LEAD),
        make_user(Role.COUNSELLOR),
        make_user(Role.COUNSELLOR),
    )
    team = team_create(name="North", lead=lead)
    team_member_add(team=team, user=member)
    inside, outside = JobSeekerFactory(counsellor=member), JobSeekerFactory(counsellor=outsider)
    client = _login(lead)
    assert client.get(reverse("jobseeker_detail", args=[inside.reference])).status_code == 200
    assert client.get(reverse("jobseeker_detail", args=[outside.reference])).status_code == 403


def test_skill_search_add_and_remove_with_and_without_htmx(two_counsellors):
    mine, _ = two_counsellors
    person = JobSeekerFactory(counsellor=mine)
    client = _login(mine)
    detail = reverse("jobseeker_detail", args=[person.reference])
    # Without JavaScript: the search is a GET on the page itself.
    page = client.get(detail, {"skill_q": "forklift"}).content.decode()
    uri = _skill_uri("forklift")
    assert uri in page
    # With htmx: only the result list comes back.
    partial = client.get(
        reverse("caseload_skill_search", args=[person.reference]), {"skill_q": "forklift"}
    )
    assert "<html" not in partial.content.decode() and uri in partial.content.decode()
    client.post(reverse("caseload_skill_add", args=[person.reference]), {"skill_uri": uri})
    assert JobSeekerSkill.objects.filter(
        jobseeker=person, skill_uri=uri, source="counsellor"
    ).exists()
    client.post(reverse("caseload_skill_remove", args=[person.reference]), {"skill_uri": uri})
    assert not JobSeekerSkill.objects.filter(jobseeker=person, skill_uri=uri).exists()
    changes = list(
        AuditEvent.objects.filter(action="record.changed").values_list("details", flat=True)
    )
    assert changes == [{"skill_added": uri, "source": "counsellor"}, {"skill_removed": uri}]


def test_adding_something_that_is_not_an_esco_skill_is_refused(two_counsellors):
    mine, _ = two_counsellors
    person = JobSeekerFactory(counsellor=mine)
    response = _login(mine).post(
        reverse("caseload_skill_add", args=[person.reference]),
        {"skill_uri": "not-a-skill"},
        follow=True,
    )
    assert "not an ESCO skill" in response.content.decode()
    assert not JobSeekerSkill.objects.filter(jobseeker=person).exists()


def test_job_seeker_sees_and_corrects_own_profile(make_user):
    user = make_user(Role.JOBSEEKER)
    person = JobSeekerFactory(user=user, max_distance_km=10)
    client = _login(user)
    page = client.get(reverse("jobseeker_home")).content.decode()
    assert person.reference in page and "Your rights" in page
    uri = _skill_uri("customer service")
    client.post(reverse("my_skill_add"), {"skill_uri": uri})
    assert JobSeekerSkill.objects.get(jobseeker=person, skill_uri=uri).source == "self"
    client.post(
        reverse("my_preferences"),
        {"max_distance_km": "25", "preferred_hours": "part_time", "preferred_contract": "any"},
    )
    person.refresh_from_db()
    assert (person.max_distance_km, person.preferred_hours) == (25, "part_time")
    change = AuditEvent.objects.filter(action="record.changed").last()
    assert change.details["preferences"]["max_distance_km"] == {"from": 10.0, "to": 25.0}
    bad = client.post(reverse("my_preferences"), {"max_distance_km": "-3", "preferred_hours": "x"})
    html = bad.content.decode()
    assert bad.status_code == 400 and 'aria-invalid="true"' in html
    assert 'href="#id_max_distance_km"' in html and "There is a problem" in html
    assert 'value="-3"' in html, "the typed distance is kept"
    assert 'id="id_max_distance_km_errors"' in html, "the message sits at the field"


def test_team_page_suppresses_small_aggregates(make_user):
    lead, small, large = (
        make_user(Role.TEAM_LEAD),
        make_user(Role.COUNSELLOR),
        make_user(Role.COUNSELLOR),
    )
    team = team_create(name="South", lead=lead)
    team_member_add(team=team, user=small)
    team_member_add(team=team, user=large)
    JobSeekerFactory.create_batch(3, counsellor=small)
    JobSeekerFactory.create_batch(12, counsellor=large, registered_on="2020-01-01")
    html = _login(lead).get(reverse("team_home")).content.decode()
    assert "not shown (fewer than 10 people)" in html
    assert '<td class="num">12</td>' in html


@pytest.mark.parametrize(
    ("weeks", "language", "heading"),
    [
        ("1", "en", "No contact for 1 week or more"),
        ("6", "en", "No contact for 6 weeks or more"),
        ("1", "lv", "Nav bijis kontakta 1 nedēļu vai ilgāk"),
        ("21", "lv", "Nav bijis kontakta 21 nedēļu vai ilgāk"),
        ("6", "lv", "Nav bijis kontakta 6 nedēļas vai ilgāk"),
    ],
)
def test_the_no_contact_heading_agrees_with_its_number(
    make_user, monkeypatch, weeks, language, heading
):
    monkeypatch.setenv("OPENPES_NO_CONTACT_WEEKS", weeks)
    client = _login(make_user(Role.COUNSELLOR))
    html = client.get(reverse("counsellor_home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<h3>{heading}</h3>" in html
