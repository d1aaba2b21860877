from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.counselling.enums import NeedBand, Verdict
from openpes.web.counselling.models import SuggestionDecision
from openpes.web.counselling.services import (
    ShownItem,
    assessment_decide,
    assessment_show_model,
    assessment_start,
    suggestion_decide,
    suggestion_set_record,
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


def _shown(actor, person, *ids):
    return suggestion_set_record(
        actor=actor,
        jobseeker=person,
        page="counsellor",
        index_version="catalogue-test",
        items=[ShownItem("vacancy", i, n, 0.9 - n / 10, f"Job {i}") for n, i in enumerate(ids, 1)],
    )


def test_a_decision_without_a_reason_is_refused_and_nothing_is_stored(case):
    counsellor, person = case
    shown = _shown(counsellor, person, "V-1").items.get()
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        suggestion_decide(
            actor=counsellor,
            jobseeker=person,
            shown_id=shown.pk,
            verdict=Verdict.REJECTED,
            reason="  ",
        )
    assert refused.value.column == "reason"
    assert AuditEvent.objects.count() == before
    decision = suggestion_decide(
        actor=counsellor,
        jobseeker=person,
        shown_id=shown.pk,
        verdict=Verdict.REJECTED,
        reason="Night shifts do not fit child care",
    )
    event = AuditEvent.objects.latest("position")
    assert event.details["verdict"] == "rejected" and event.details["item"] == "V-1"
    assert (decision.rank, decision.score, decision.index_version) == (1, 0.8, "catalogue-test")
    assert decision.reason == "Night shifts do not fit child care"


def test_adapted_records_what_was_adapted(case):
    counsellor, person = case
    shown = _shown(counsellor, person, "V-1").items.get()
    with pytest.raises(InputError) as refused:
        suggestion_decide(
            actor=counsellor,
            jobseeker=person,
            shown_id=shown.pk,
            verdict=Verdict.ADAPTED,
            reason="Good fit otherwise",
        )
    assert refused.value.column == "adaptation"
    decision = suggestion_decide(
        actor=counsellor,
        jobseeker=person,
        shown_id=shown.pk,
        verdict=Verdict.ADAPTED,
        reason="Good fit otherwise",
        adaptation="Ask the employer for the part-time variant",
    )
    assert decision.adaptation == "Ask the employer for the part-time variant"
    event = AuditEvent.objects.latest("position")
    assert event.details["adaptation"] == "Ask the employer for the part-time variant"


def test_a_suggestion_shown_to_someone_else_or_another_person_is_refused(case, make_user):
    counsellor, person = case
    other_counsellor = make_user(Role.COUNSELLOR)
    other_person = JobSeekerFactory(counsellor=counsellor)
    theirs = _shown(other_counsellor, person, "V-1").items.get()
    elsewhere = _shown(counsellor, other_person, "V-2").items.get()
    before = AuditEvent.objects.count()
    for shown_id in (theirs.pk, elsewhere.pk, None, 10**9):
        with pytest.raises(InputError):
            suggestion_decide(
                actor=counsellor,
                jobseeker=person,
                shown_id=shown_id,
                verdict=Verdict.ACCEPTED,
                reason="Looks right",
            )
    mine = _shown(counsellor, person, "V-3").items.get()
    with pytest.raises(InputError):
        suggestion_decide(
            actor=counsellor,
            jobseeker=person,
            shown_id=mine.pk,
            item_id="V-NOT-SHOWN",
            verdict=Verdict.ACCEPTED,
            reason="Looks right",
        )
    assert not SuggestionDecision.objects.exists()
    assert AuditEvent.objects.count() == before + 1  # only the set shown for V-3
