"""Writes for counselling decisions; each one is also an audit-trail event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.enums import NeedBand, ReviewStatus, ReviewTopic, Verdict
from openpes.web.counselling.models import ReviewRequest, SuggestionDecision, SupportAssessment
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


def _subject(jobseeker: JobSeeker) -> str:
    return f"jobseeker:{jobseeker.reference}"


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 3:
        raise InputError("a decision needs a reason of at least a few words", column="reason")
    return reason


@transaction.atomic
def suggestion_decide(
    *,
    actor: Any,
    jobseeker: JobSeeker,
    item_kind: str,
    item_id: str,
    rank: int,
    score: float,
    verdict: Verdict,
    reason: str,
) -> SuggestionDecision:
    decision = SuggestionDecision.objects.create(
        jobseeker=jobseeker,
        counsellor=actor,
        item_kind=item_kind,
        item_id=item_id,
        rank=rank,
        score=score,
        verdict=verdict,
        reason=_require_reason(reason),
    )
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(jobseeker),
        details={
            "kind": f"suggestion.{item_kind}",
            "item": item_id,
            "rank": rank,
            "score": round(score, 6),
            "verdict": str(verdict),
            "reason": decision.reason,
        },
    )
    return decision


@transaction.atomic
def assessment_start(
    *, actor: Any, jobseeker: JobSeeker, counsellor_band: NeedBand
) -> SupportAssessment:
    """Counsellor-first: the counsellor's own band is stored before the model's is shown."""
    assessment = SupportAssessment.objects.create(
        jobseeker=jobseeker, counsellor=actor, counsellor_band=counsellor_band
    )
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(jobseeker),
        details={
            "kind": "assessment.counsellor_first",
            "assessment": assessment.pk,
            "band": str(counsellor_band),
        },
    )
    return assessment


@transaction.atomic
def assessment_show_model(
    *, actor: Any, assessment: SupportAssessment, band: str, probability: float, model_version: str
) -> None:
    """Record what the model said at the moment it was shown to the counsellor."""
    if assessment.model_band:
        return
    assessment.model_band = band
    assessment.model_probability = probability
    assessment.model_version = model_version
    assessment.save(update_fields=["model_band", "model_probability", "model_version"])
    event_record(
        actor=actor,
        action=Action.RECORD_VIEWED,
        subject=_subject(assessment.jobseeker),
        details={
            "kind": "assessment.model_shown",
            "assessment": assessment.pk,
            "band": band,
            "probability": round(probability, 6),
            "model": model_version,
        },
    )


@transaction.atomic
def assessment_decide(
    *, actor: Any, assessment: SupportAssessment, final_band: NeedBand, reason: str
) -> None:
    if assessment.decided:
        raise InputError("this assessment was already decided; start a new one")
    assessment.final_band = final_band
    assessment.reason = _require_reason(reason)
    assessment.decided_at = timezone.now()
    assessment.save(update_fields=["final_band", "reason", "decided_at"])
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(assessment.jobseeker),
        details={
            "kind": "assessment.final",
            "assessment": assessment.pk,
            "counsellor_band": assessment.counsellor_band,
            "model_band": assessment.model_band,
            "final_band": str(final_band),
            "overrides_model": assessment.overrides_model,
            "reason": assessment.reason,
        },
    )


@transaction.atomic
def review_request(
    *, actor: Any, jobseeker: JobSeeker, topic: ReviewTopic, message: str
) -> ReviewRequest:
    request = ReviewRequest.objects.create(
        jobseeker=jobseeker, topic=topic, message=_require_reason(message)
    )
    event_record(
        actor=actor,
        action=Action.REVIEW_REQUESTED,
        subject=_subject(jobseeker),
        details={"request": request.pk, "topic": str(topic)},
    )
    return request


@transaction.atomic
def review_answer(*, actor: Any, review: ReviewRequest, answer: str) -> None:
    review.answer = _require_reason(answer)
    review.status = ReviewStatus.ANSWERED
    review.answered_at = timezone.now()
    review.save(update_fields=["answer", "status", "answered_at"])
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(review.jobseeker),
        details={"kind": "review.answered", "request": review.pk},
    )


def suggestions_record_opened(
    *, actor: Any, jobseeker: JobSeeker, vacancy_ids: list[str], page: str
) -> None:
    """Showing suggestions is itself recorded: which ones, to whom, on which page."""
    event_record(
        actor=actor,
        action=Action.SUGGESTIONS_OPENED,
        subject=_subject(jobseeker),
        details={"page": page, "vacancies": vacancy_ids},
    )
