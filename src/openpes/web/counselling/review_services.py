"""Writes for human reviews (GDPR Art. 22(3), AI Act Art. 86); every step is a trail event.

A job seeker asks about one item they were shown: a suggestion, their support-needs
assessment, or a part of their data. A counsellor answers (keep, change, or correct the
data) with the principles applied and what would have changed the result, as the CJEU asks
in C-203/22 (Dun & Bradstreet Austria). The job seeker may escalate once, to the team lead.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.enums import (
    NeedBand,
    ReviewLevel,
    ReviewOutcome,
    ReviewStatus,
    ReviewTopic,
    Verdict,
)
from openpes.web.counselling.models import (
    ReviewAnswer,
    ReviewRequest,
    SupportAssessment,
)
from openpes.web.counselling.review_selectors import review_item_for
from openpes.web.counselling.services import decision_from_shown, require_text
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


def _subject(jobseeker: JobSeeker) -> str:
    return f"jobseeker:{jobseeker.reference}"


def review_due_on(start: date) -> date:
    """The answer is due ``OPENPES_REVIEW_DEADLINE_DAYS`` days (one month by default) later."""
    return start + timedelta(days=settings.OPENPES_REVIEW_DEADLINE_DAYS)


@transaction.atomic
def review_request(*, actor: Any, jobseeker: JobSeeker, item: str, message: str) -> ReviewRequest:
    """Ask for a review of one item; ``item`` must be a key the job seeker was offered,
    now or on an earlier load of their page (``review_item_for``). An identical open request
    is not made twice: the one already open is returned."""
    chosen = review_item_for(jobseeker=jobseeker, user=actor, key=item)
    message = require_text(message, column="message")
    # The same request sent again (a second tab, a double click) is the one already open: it
    # is returned as sent, with no second request and no second trail event. The job seeker's
    # row is locked so that two submits at once look in turn (PostgreSQL; SQLite writes one
    # at a time anyway). A unique constraint does not fit: the item columns are nullable (NULLs
    # never clash on SQLite, nor on PostgreSQL before NULLS NOT DISTINCT), the message is long
    # text, and a request answered long ago may well be asked again.
    JobSeeker.objects.select_for_update().filter(pk=jobseeker.pk).first()
    same = {
        "jobseeker": jobseeker,
        "topic": chosen.topic,
        "shown_id": chosen.shown_id,
        "assessment_id": chosen.assessment_id,
        "data_field": chosen.data_field,
        "message": message,
    }
    existing = ReviewRequest.objects.filter(status=ReviewStatus.OPEN, **same).first()
    if existing is not None:
        return existing
    review = ReviewRequest.objects.create(
        **same, item_label=chosen.label[:300], due_on=review_due_on(timezone.localdate())
    )
    event_record(
        actor=actor,
        action=Action.REVIEW_REQUESTED,
        subject=_subject(jobseeker),
        details={
            "kind": "review.requested",
            "request": review.pk,
            "topic": str(chosen.topic),
            "item": chosen.key,
            "due_on": review.due_on,
        },
    )
    return review


def _change_suggestion(*, actor: Any, review: ReviewRequest, verdict: str, reason: str) -> dict:
    if verdict not in Verdict.values:
        raise InputError(_("Choose the new decision on the suggestion."), column="new_verdict")
    shown = review.shown
    decision = decision_from_shown(
        actor=actor, jobseeker=review.jobseeker, shown=shown, verdict=verdict, reason=reason
    )
    return {"decision": decision.pk, "item": shown.item_id, "verdict": verdict}


def _change_assessment(*, actor: Any, review: ReviewRequest, band: str, reason: str) -> dict:
    if band not in NeedBand.values:
        raise InputError(_("Choose the new support-needs band."), column="new_band")
    before = review.assessment
    after = SupportAssessment.objects.create(
        jobseeker=review.jobseeker,
        counsellor=actor,
        counsellor_band=band,
        model_band=before.model_band,
        model_probability=before.model_probability,
        model_version=before.model_version,
        final_band=band,
        reason=reason,
        decided_at=timezone.now(),
    )
    return {"assessment": after.pk, "before": before.final_band, "final_band": band}


@transaction.atomic
def review_answer(
    *,
    actor: Any,
    review: ReviewRequest,
    outcome: str,
    explanation: str,
    would_change: str,
    new_verdict: str = "",
    new_band: str = "",
) -> ReviewAnswer:
    """Answer an open (counsellor) or escalated (team lead) request; a change is applied."""
    review = ReviewRequest.objects.select_for_update().get(pk=review.pk)
    if review.status == ReviewStatus.OPEN:
        level, status = ReviewLevel.COUNSELLOR, ReviewStatus.ANSWERED
    elif review.status == ReviewStatus.ESCALATED:
        level, status = ReviewLevel.TEAM_LEAD, ReviewStatus.CLOSED
    else:
        raise InputError(_("This request has already been answered."), column="outcome")
    is_data = review.topic == ReviewTopic.DATA
    allowed = {ReviewOutcome.KEEP, ReviewOutcome.CORRECT if is_data else ReviewOutcome.CHANGE}
    if outcome not in allowed:
        raise InputError(_("Choose one of the outcomes offered."), column="outcome")
    explanation = require_text(explanation, column="explanation")
    would_change = require_text(would_change, column="would_change")
    change: dict = {}
    if outcome == ReviewOutcome.CHANGE and review.shown_id:
        change = _change_suggestion(
            actor=actor, review=review, verdict=new_verdict, reason=explanation
        )
    elif outcome == ReviewOutcome.CHANGE and review.assessment_id:
        change = _change_assessment(actor=actor, review=review, band=new_band, reason=explanation)
    answer = ReviewAnswer.objects.create(
        review=review,
        level=level,
        answered_by=actor,
        outcome=outcome,
        explanation=explanation,
        would_change=would_change,
    )
    review.status = status
    review.answered_at = answer.answered_at
    review.save(update_fields=["status", "answered_at"])
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(review.jobseeker),
        details={
            "kind": "review.answered",
            "request": review.pk,
            "level": str(level),
            "outcome": str(outcome),
            "explanation": explanation,
            "would_change": would_change,
            "change": change,
            "late": timezone.localdate() > review.due_on if review.due_on else False,
        },
    )
    return answer


@transaction.atomic
def review_escalate(*, actor: Any, review: ReviewRequest, message: str) -> ReviewRequest:
    """The job seeker is not satisfied: once, the team lead looks at it again."""
    review = ReviewRequest.objects.select_for_update().get(pk=review.pk)
    if not review.can_escalate:
        raise InputError(
            _("This request cannot be passed to the team lead (again)."), column="message"
        )
    review.escalation_message = require_text(message, column="message")
    review.escalated_at = timezone.now()
    review.status = ReviewStatus.ESCALATED
    review.due_on = review_due_on(timezone.localdate())
    review.save(update_fields=["escalation_message", "escalated_at", "status", "due_on"])
    event_record(
        actor=actor,
        action=Action.REVIEW_REQUESTED,
        subject=_subject(review.jobseeker),
        details={"kind": "review.escalated", "request": review.pk, "due_on": review.due_on},
    )
    return review


def review_record_opened(*, actor: Any, review: ReviewRequest) -> None:
    """Reading a request is reading the person's record: it goes to the trail."""
    event_record(
        actor=actor,
        action=Action.RECORD_VIEWED,
        subject=_subject(review.jobseeker),
        details={"kind": "review.opened", "request": review.pk},
    )
