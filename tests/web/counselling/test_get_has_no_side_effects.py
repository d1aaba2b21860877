"""Showing a page records what was read, never a decision: the model's band is set by a POST."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.enums import NeedBand
from openpes.web.counselling.models import SupportAssessment
from openpes.web.counselling.services import assessment_start
from tests.web.factories import JobSeekerFactory

pytestmark = pytest.mark.usefixtures("support_model_installed")


@pytest.fixture
def counsellor_and_person(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor)
    client = Client()
    client.force_login(counsellor, backend="django.contrib.auth.backends.ModelBackend")
    return client, counsellor, person


def test_recording_the_counsellors_view_records_the_models_band(counsellor_and_person):
    client, _, person = counsellor_and_person
    response = client.post(
        reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "high"}
    )
    assert response.status_code == 302
    assessment = SupportAssessment.objects.get(jobseeker=person)
    assert assessment.model_band in {"low", "medium", "high"} and assessment.model_version


def test_showing_the_page_does_not_set_the_models_band(counsellor_and_person):
    client, counsellor, person = counsellor_and_person
    # Begun while the model could not run (paused, or not installed at the time).
    assessment = assessment_start(actor=counsellor, jobseeker=person, counsellor_band=NeedBand.LOW)
    for _ in range(2):
        page = client.get(reverse("jobseeker_detail", args=[person.reference]))
        assert page.status_code == 200
    assessment.refresh_from_db()
    assert assessment.model_band == "" and assessment.model_version == ""
    assert "begun without the model" in page.content.decode()
    decided = client.post(
        reverse("assessment_decision", args=[person.reference]),
        {"final_band": "low", "reason": "Discussed with her; she starts a course next week."},
    )
    assert decided.status_code == 302
    assessment.refresh_from_db()
    assert assessment.final_band == "low"
