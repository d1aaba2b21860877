from __future__ import annotations

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeekerSkill
from openpes.web.counselling.models import ReviewRequest, SuggestionDecision
from openpes.web.trail.models import AuditEvent
from tests.web.factories import JobSeekerFactory


def _login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


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


def test_counsellor_decision_is_stored_shown_and_logged(person_near_vacancies):
    counsellor, person, vacancy = person_near_vacancies
    client = _login(counsellor)
    url = reverse("suggestion_decision", args=[person.reference])
    payload = {"item_kind": "vacancy", "item_id": vacancy["vacancy_id"], "rank": 1, "score": 0.9}
    client.post(url, {**payload, "verdict": "rejected", "reason": ""})
    assert not SuggestionDecision.objects.exists(), "a decision without a reason is refused"
    client.post(url, {**payload, "verdict": "adapted", "reason": "Suggest the part-time variant"})
    decision = SuggestionDecision.objects.get()
    assert (decision.verdict, decision.counsellor) == ("adapted", counsellor)
    page = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    assert "Suggest the part-time variant" in page
    logged = AuditEvent.objects.get(action="decision.recorded")
    assert (
        logged.details["verdict"] == "adapted" and logged.details["item"] == vacancy["vacancy_id"]
    )


def test_job_seeker_sees_the_same_reasons_and_can_ask_for_review(person_near_vacancies):
    _, person, vacancy = person_near_vacancies
    client = _login(person.user)
    html = client.get(reverse("jobseeker_home")).content.decode()
    assert vacancy["vacancy_id"] in html and "Why this vacancy?" in html
    assert "Record your decision" not in html, (
        "job seekers see reasons, not the counsellor's decision form"
    )
    client.post(
        reverse("my_review_request"), {"topic": "suggestion", "message": "I cannot drive at night"}
    )
    review = ReviewRequest.objects.get()
    assert review.jobseeker == person and review.topic == "suggestion"
    assert AuditEvent.objects.filter(action="review.requested", actor=person.user.username).exists()
