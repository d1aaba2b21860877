from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.models import SupportAssessment
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

pytestmark = pytest.mark.usefixtures("support_model_installed")


@pytest.fixture
def case(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    return counsellor, JobSeekerFactory(counsellor=counsellor, user=make_user(Role.JOBSEEKER))


def test_model_band_is_hidden_until_the_counsellor_records_their_own(case):
    counsellor, person = case
    client = _login(counsellor)
    detail = reverse("jobseeker_detail", args=[person.reference])
    before = client.get(detail).content.decode()
    assert "Model&#x27;s estimate" not in before and "Model's estimate" not in before
    assert "Record my view and show the model" in before
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "high"})
    after = client.get(detail).content.decode()
    assert "estimate: " in after and "What weighs most" in after
    assessment = SupportAssessment.objects.get()
    assert assessment.counsellor_band == "high" and assessment.model_band in {
        "low",
        "medium",
        "high",
    }
    assert 0 < assessment.model_probability < 1 and assessment.model_version


def test_final_decision_with_reason_goes_to_the_trail(case):
    counsellor, person = case
    client = _login(counsellor)
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "medium"})
    decide = reverse("assessment_decision", args=[person.reference])
    # The POST that records the counsellor's own view records the model's band too (a GET
    # writes nothing); the page it leads to shows it.
    assert SupportAssessment.objects.get().model_band in {"low", "medium", "high"}
    client.get(reverse("jobseeker_detail", args=[person.reference]))
    client.post(decide, {"final_band": "high", "reason": "Lost the driving licence last month"})
    assessment = SupportAssessment.objects.get()
    assert assessment.final_band == "high" and assessment.decided_at is not None
    kinds = [
        e.details.get("kind")
        for e in AuditEvent.objects.filter(action__in=["decision.recorded", "record.viewed"])
        if e.details.get("kind")
    ]
    assert kinds == ["assessment.counsellor_first", "assessment.model_shown", "assessment.final"]
    final = AuditEvent.objects.get(details__kind="assessment.final")
    assert final.details["final_band"] == "high" and final.details["reason"].startswith("Lost")


def test_job_seeker_sees_the_assessment_only_once_decided_with_the_reason(case):
    counsellor, person = case
    seeker = _login(person.user)
    before = seeker.get(reverse("jobseeker_home")).content.decode()
    assert "Your support needs" in before and "has not discussed this with you yet" in before
    assert "The computer&#x27;s estimate" not in before and "weigh most" not in before
    client = _login(counsellor)
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "high"})
    client.get(reverse("jobseeker_detail", args=[person.reference]))
    midway = seeker.get(reverse("jobseeker_home")).content.decode()
    assert "weigh most" not in midway, "the model's band waits for the counsellor's decision"
    client.post(
        reverse("assessment_decision", args=[person.reference]),
        {"final_band": "high", "reason": "We agreed intensive support helps most now"},
    )
    after = seeker.get(reverse("jobseeker_home")).content.decode()
    assert "High need for support" in after
    assert "We agreed intensive support helps most now" in after
    assert "never used to deny or reduce a service" in after and "Ask for a human review" in after


def test_a_decision_without_reason_keeps_the_chosen_band_and_shows_the_error_there(case):
    counsellor, person = case
    client = _login(counsellor)
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "low"})
    client.get(reverse("jobseeker_detail", args=[person.reference]))
    response = client.post(
        reverse("assessment_decision", args=[person.reference]), {"final_band": "medium"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#id_reason"' in html
    assert re.search(r'value="medium"[^>]*checked', html), "the chosen radio is kept"
    assert 'id="id_reason_errors"' in html, "the message sits at the field"
    assert SupportAssessment.objects.get().final_band == ""


def test_the_services_own_message_is_shown_translated_at_the_field(case):
    counsellor, person = case
    client = _login(counsellor)
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "low"})
    client.get(reverse("jobseeker_detail", args=[person.reference]))
    decide = reverse("assessment_decision", args=[person.reference])
    html = client.post(decide, {"final_band": "low", "reason": "ok"}).content.decode()
    errors = html[html.index('id="id_reason_errors"') :]
    assert errors.index("Write at least a few words.") < errors.index("</ul>")
    client.cookies["django_language"] = "fr"
    html = client.post(decide, {"final_band": "low", "reason": "ok"}).content.decode()
    assert "Écrivez au moins quelques mots." in html and "Il y a un problème" in html


@pytest.mark.parametrize(("language", "unknown"), [("en", "not recorded"), ("fr", "non renseigné")])
def test_an_unknown_regional_rate_is_said_to_be_unknown_not_zero(make_user, language, unknown):
    from openpes.profiling import feature_label

    # The region is the PES's own word; the rate was simply not sent (docs/integration.md).
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, region="Westhaven")
    person.region_unemployment_rate = None
    person.save()
    client = _login(counsellor)
    client.cookies["django_language"] = language
    client.post(reverse("assessment_begin", args=[person.reference]), {"counsellor_band": "high"})
    page = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace("&#x27;", "'")
    label = feature_label("region_unemployment_rate", language)
    assert re.search(r"0[.,]0\s?%", text) is None, "an unknown rate is never shown as 0 %"
    assert re.search(rf"{unknown}[^.]*: [^.]*{re.escape(label)}", text, re.IGNORECASE), text
