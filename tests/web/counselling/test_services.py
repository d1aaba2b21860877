from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.counselling.enums import NeedBand, ReviewTopic, Verdict
from openpes.web.counselling.services import (
    assessment_decide,
    assessment_show_model,
    assessment_start,
    review_answer,
    review_request,
    suggestion_decide,
)
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import JobSeekerFactory


@pytest.fixture
def case(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    return counsellor, JobSeekerFactory(counsellor=counsellor)


def test_counsellor_first_assessment_records_all_three_steps(case):
    counsellor, person = case
    assessment = assessment_start(actor=counsellor, jobseeker=person, counsellor_band=NeedBand.HIGH)
    assessment_show_model(
        actor=counsellor,
        assessment=assessment,
        band="medium",
        probability=0.41,
        model_version="ebm-1",
    )
    assessment_decide(
        actor=counsellor,
        assessment=assessment,
        final_band=NeedBand.HIGH,
        reason="Recent health change",
    )
    assessment.refresh_from_db()
    assert assessment.overrides_model and assessment.final_band == "high"
    kinds = [
        e.details.get("kind")
        for e in AuditEvent.objects.filter(subject=f"jobseeker:{person.reference}")
    ]
    assert kinds == ["assessment.counsellor_first", "assessment.model_shown", "assessment.final"]
    final = AuditEvent.objects.filter(details__kind="assessment.final").get()
    assert (
        final.details["overrides_model"] is True
        and final.details["reason"] == "Recent health change"
    )
    with pytest.raises(InputError):
        assessment_decide(
            actor=counsellor, assessment=assessment, final_band=NeedBand.LOW, reason="again"
        )
    assert trail_verify().intact


def test_a_decision_without_a_reason_is_refused_and_nothing_is_stored(case):
    counsellor, person = case
    with pytest.raises(InputError, match="reason"):
        suggestion_decide(
            actor=counsellor,
            jobseeker=person,
            item_kind="vacancy",
            item_id="V-1",
            rank=1,
            score=0.8,
            verdict=Verdict.REJECTED,
            reason="  ",
        )
    assert not AuditEvent.objects.exists()
    decision = suggestion_decide(
        actor=counsellor,
        jobseeker=person,
        item_kind="vacancy",
        item_id="V-1",
        rank=1,
        score=0.8,
        verdict=Verdict.REJECTED,
        reason="Night shifts do not fit child care",
    )
    event = AuditEvent.objects.get()
    assert event.details["verdict"] == "rejected" and event.details["item"] == "V-1"
    assert decision.reason == "Night shifts do not fit child care"


def test_review_request_and_answer_are_logged(case, make_user):
    counsellor, person = case
    person.user = make_user(Role.JOBSEEKER)
    person.save()
    review = review_request(
        actor=person.user, jobseeker=person, topic=ReviewTopic.ASSESSMENT, message="I disagree"
    )
    review_answer(actor=counsellor, review=review, answer="We talked it through and changed it.")
    actions = list(AuditEvent.objects.values_list("action", "actor"))
    assert actions == [
        ("review.requested", person.user.username),
        ("decision.recorded", counsellor.username),
    ]
