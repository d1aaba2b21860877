from __future__ import annotations

import datetime
import re

import polars as pl
import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeekerSkill
from openpes.web.counselling.models import (
    ReviewRequest,
    ShownSuggestion,
    SuggestionDecision,
    VacancyAction,
)
from openpes.web.counselling.selectors import vacancy_outcomes
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def person_near_vacancies(make_user, catalogue_dir):
    """A job seeker placed at a vacancy of the test board, holding its essential skills."""
    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    counsellor = make_user(Role.COUNSELLOR)
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
    return counsellor, person, vacancy


def test_counsellor_sees_reasons_and_opening_is_logged(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    html = (
        _login(counsellor)
        .get(reverse("jobseeker_detail", args=[person.reference]))
        .content.decode()
    )
    assert "Suggested vacancies" in html and "Why this vacancy?" in html
    assert vacancy["vacancy_id"] in html, (
        "a vacancy whose every essential skill is held must be suggested"
    )
    opened = AuditEvent.objects.get(action="suggestions.opened")
    assert (
        vacancy["vacancy_id"] in opened.details["vacancies"]
        and opened.details["page"] == "counsellor"
    )


def _shown_on_page(client, url, user, vacancy_id) -> ShownSuggestion:
    html = client.get(url).content.decode()
    shown = ShownSuggestion.objects.filter(
        suggestion_set__shown_to=user, item_id=vacancy_id
    ).latest("suggestion_set__shown_at", "pk")
    assert f'name="shown" value="{shown.pk}"' in html, "the form points at the set just shown"
    return shown


def test_counsellor_decision_is_stored_shown_and_logged(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    client = _login(counsellor)
    detail = reverse("jobseeker_detail", args=[person.reference])
    url = reverse("suggestion_decision", args=[person.reference])
    shown = _shown_on_page(client, detail, counsellor, vacancy["vacancy_id"])
    payload = {"shown": shown.pk, "item_id": vacancy["vacancy_id"]}
    refused = client.post(url, {**payload, "verdict": "rejected", "reason": ""})
    assert refused.status_code == 400 and not SuggestionDecision.objects.exists()
    page = refused.content.decode()
    assert "There is a problem" in page and "This field is required." in page
    checked = re.findall(r'<input type="radio" name="verdict" value="(\w+)"[^>]*checked', page)
    assert checked == ["rejected"], "the chosen radio is kept"
    assert f'href="#id_{vacancy["vacancy_id"]}_reason"' in page, "the summary links the field"
    client.post(
        url,
        {
            **payload,
            "verdict": "adapted",
            "reason": "Suggest the part-time variant",
            "adaptation": "part-time instead of full-time",
        },
    )
    decision = SuggestionDecision.objects.get()
    assert (decision.verdict, decision.counsellor) == ("adapted", counsellor)
    assert (decision.rank, decision.score) == (shown.rank, shown.score)
    assert decision.adaptation == "part-time instead of full-time"
    page = client.get(detail).content.decode()
    assert "Suggest the part-time variant" in page
    logged = AuditEvent.objects.get(action="decision.recorded")
    assert (
        logged.details["verdict"] == "adapted" and logged.details["item"] == vacancy["vacancy_id"]
    )


def test_a_forged_decision_is_refused_and_nothing_is_stored(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    client = _login(counsellor)
    detail = reverse("jobseeker_detail", args=[person.reference])
    shown = _shown_on_page(client, detail, counsellor, vacancy["vacancy_id"])
    events = AuditEvent.objects.count()
    url = reverse("suggestion_decision", args=[person.reference])
    forged = {
        "item_kind": "vacancy",
        "item_id": "VAC-NOT-SUGGESTED",
        "rank": 99999,
        "score": -1e300,
        "verdict": "accepted",
        "reason": "Forged but with a reason",
    }
    for extra in ({}, {"shown": shown.pk}, {"shown": 10**9}, {"shown": "x"}):
        response = client.post(url, {**forged, **extra})
        assert response.status_code == 400
        html = response.content.decode()
        assert "There is a problem" in html and "nothing was stored" in html
        assert "Forged but with a reason" in html, "the typed reason is kept on the page"
    assert not SuggestionDecision.objects.exists()
    # A refusal records no decision; the page shown again records its read and what it
    # shows, as every failed form on it does (tests/web/counselling/test_tampered_decision.py).
    written = AuditEvent.objects.order_by("position")[events:].values_list("action", flat=True)
    assert set(written) == {"record.viewed", "suggestions.opened"}


def test_job_seeker_sees_the_same_reasons_and_can_ask_for_review(person_near_vacancies):
    _, person, vacancy = person_near_vacancies
    client = _login(person.user)
    html = client.get(reverse("jobseeker_home")).content.decode()
    assert vacancy["vacancy_id"] in html and "Why this vacancy?" in html
    assert "Record your decision" not in html, (
        "job seekers see reasons, not the counsellor's decision form"
    )
    shown = ShownSuggestion.objects.get(
        suggestion_set__shown_to=person.user, item_id=vacancy["vacancy_id"]
    )
    empty = client.post(
        reverse("my_review_request"), {"item": f"suggestion:{shown.pk}", "message": ""}
    )
    assert empty.status_code == 400 and not ReviewRequest.objects.exists()
    kept = ShownSuggestion.objects.filter(
        suggestion_set__shown_to=person.user, item_id=vacancy["vacancy_id"]
    ).latest("pk")
    assert f'<option value="suggestion:{kept.pk}" selected>' in empty.content.decode()
    client.post(
        reverse("my_review_request"),
        {"item": f"suggestion:{kept.pk}", "message": "I cannot drive at night"},
    )
    review = ReviewRequest.objects.get()
    assert review.jobseeker == person and review.topic == "suggestion"
    assert review.shown.item_id == vacancy["vacancy_id"]
    assert AuditEvent.objects.filter(action="review.requested", actor=person.user.username).exists()


def test_each_role_reads_its_own_wording_and_english_dates_are_unambiguous(
    person_near_vacancies,
):
    counsellor, person, vacancy = person_near_vacancies
    person.registered_on = datetime.date(2026, 4, 26)
    person.save()
    desk = _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    desk_html = desk.content.decode()
    assert re.search(r"Essential skills: has \d+ of \d+", desk_html)
    assert "you have" not in desk_html.lower() and "from the job seeker&#x27;s home" in desk_html
    assert "26 Apr 2026" in desk_html and "04/26/2026" not in desk_html
    own = _login(person.user).get(reverse("jobseeker_home")).content.decode()
    assert re.search(r"you have \d+ of the \d+ essential skill", own)
    assert "26 Apr 2026" in own
    salary = f"{round(vacancy['salary_eur']):,}"
    assert f"€{salary}" in desk_html, "salaries are grouped by thousands"
    assert "apply by " in desk_html and ("Full time" in desk_html or "Part time" in desk_html)


def test_job_seeker_answers_a_vacancy_and_the_counsellor_sees_it(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    seeker = _login(person.user)
    shown = _shown_on_page(seeker, reverse("jobseeker_home"), person.user, vacancy["vacancy_id"])
    url = reverse("my_vacancy_response")
    missing = seeker.post(url, {"shown": shown.pk, "item_id": shown.item_id})
    assert missing.status_code == 400 and "There is a problem" in missing.content.decode()
    theirs = ShownSuggestion.objects.create(
        suggestion_set=shown.suggestion_set.__class__.objects.create(
            jobseeker=person, shown_to=counsellor, page="counsellor", index_version="x"
        ),
        item_kind="vacancy",
        item_id="VAC-ELSEWHERE",
        rank=1,
        score=0.5,
        label="Elsewhere",
    )
    forged = seeker.post(url, {"shown": theirs.pk, "item_id": "VAC-ELSEWHERE", "response": "hired"})
    assert forged.status_code == 400 and not VacancyAction.objects.exists()
    seeker.post(
        url,
        {"shown": shown.pk, "item_id": shown.item_id, "response": "applied", "reason": "Sent CV"},
    )
    action = VacancyAction.objects.get()
    assert (action.vacancy_id, action.response) == (vacancy["vacancy_id"], "applied")
    assert vacancy_outcomes() == [
        {"vacancy_id": vacancy["vacancy_id"], "response": "applied", "n": 1}
    ]
    desk = _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    assert "The job seeker's answer" in desk.content.decode() and "Sent CV" in desk.content.decode()
    assert AuditEvent.objects.filter(details__kind="vacancy.response").count() == 1


def test_a_suggestion_names_its_employer(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    assert vacancy["employer"], "the test board names its employers"
    page = _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    assert vacancy["employer"] in page.content.decode()
