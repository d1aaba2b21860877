"""Writes for counselling decisions; each one is also an audit-trail event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.services import jobseeker_read_event
from openpes.web.counselling.enums import NeedBand, VacancyResponse, Verdict
from openpes.web.counselling.models import (
    ShownSuggestion,
    SuggestionDecision,
    SuggestionSet,
    SupportAssessment,
    VacancyAction,
)
from openpes.web.trail.enums import Action
from openpes.web.trail.services import NewEvent, event_record, events_append


def _subject(jobseeker: JobSeeker) -> str:
    return f"jobseeker:{jobseeker.reference}"


@dataclass(frozen=True)
class ShownItem:
    """One suggestion as a page shows it."""

    kind: str
    item_id: str
    rank: int
    score: float
    label: str


def require_text(text: str, *, column: str = "reason") -> str:
    """A reason, a message or an answer: at least a few words, never empty."""
    text = text.strip()
    if len(text) < 3:
        raise InputError(_("Write at least a few words."), column=column)
    return text


_require_reason = require_text


@transaction.atomic(savepoint=False)  # one transaction with the exposure log (Art. 12)
def suggestion_set_record(
    *,
    actor: Any,
    jobseeker: JobSeeker,
    page: str,
    index_version: str,
    items: list[ShownItem],
    viewed: bool = False,
) -> SuggestionSet:
    """Keep what a page shows, server-side: decisions and reviews may only point at it.

    ``viewed``: the page is also a read of the record, and its ``record.viewed`` event is
    written first, in the same append to the trail.
    """
    shown = SuggestionSet.objects.create(
        jobseeker=jobseeker, shown_to=actor, page=page, index_version=index_version
    )
    # The page needs the new rows' ids; both databases return them from the insert.
    shown.shown_items = ShownSuggestion.objects.bulk_create(
        ShownSuggestion(
            suggestion_set=shown,
            item_kind=item.kind,
            item_id=item.item_id,
            rank=item.rank,
            score=item.score,
            label=item.label[:300],
        )
        for item in items
    )
    opened = NewEvent(
        Action.SUGGESTIONS_OPENED,
        _subject(jobseeker),
        {
            "page": page,
            "set": shown.pk,
            "index": index_version,
            "vacancies": [i.item_id for i in items if i.kind == "vacancy"],
            "trainings": [i.item_id for i in items if i.kind == "training"],
        },
    )
    read = [jobseeker_read_event(jobseeker, page=page)] if viewed else []
    events_append(actor=actor, events=[*read, opened])
    return shown


#: Said of a decision that names a suggestion not shown to this counsellor for this person
#: (someone else's, another person's, made up). It names no id: they are internal, and
#: another person's would reveal them. The page shown again keeps what was typed.
NOT_SHOWN = _(
    "This decision does not name a suggestion shown to you for this person, so nothing was "
    "stored. Check it and save it again."
)


def _shown_to(actor: Any, jobseeker: JobSeeker, shown_id: int | None) -> ShownSuggestion:
    shown = (
        ShownSuggestion.objects.filter(
            pk=shown_id,
            suggestion_set__jobseeker=jobseeker,
            suggestion_set__shown_to_id=getattr(actor, "pk", None),
        )
        .select_related("suggestion_set")
        .first()
        if shown_id is not None
        else None
    )
    if shown is None:
        raise InputError(NOT_SHOWN, column="shown")
    return shown


def _same_item(shown: ShownSuggestion, item_id: str | None) -> None:
    """A form's item that is not the shown one means the page and the server disagree."""
    if item_id is not None and item_id != shown.item_id:
        raise InputError(
            _(
                "The suggestion on the form is not the one that was shown, so nothing was "
                "stored. Check your decision and save it again."
            ),
            column="shown",
        )


def decision_from_shown(
    *, actor: Any, jobseeker: JobSeeker, shown: Any, verdict: str, reason: str, adaptation: str = ""
) -> SuggestionDecision:
    """A decision on what the server showed: item, rank, score and index come from ``shown``."""
    return SuggestionDecision.objects.create(
        jobseeker=jobseeker,
        counsellor=actor,
        shown=shown,
        item_kind=shown.item_kind,
        item_id=shown.item_id,
        rank=shown.rank,
        score=shown.score,
        index_version=shown.suggestion_set.index_version,
        verdict=verdict,
        reason=reason,
        adaptation=adaptation,
    )


@transaction.atomic
def suggestion_decide(
    *,
    actor: Any,
    jobseeker: JobSeeker,
    shown_id: int | None,
    verdict: Verdict,
    reason: str,
    adaptation: str = "",
    item_id: str | None = None,
) -> SuggestionDecision:
    """Record a verdict on a suggestion the server showed to this counsellor for this person.

    Item, rank, score and index version are copied from the shown set. ``item_id`` from the
    form is only checked against it: a mismatch means the page and the server disagree.
    """
    shown = _shown_to(actor, jobseeker, shown_id)
    _same_item(shown, item_id)
    reason = _require_reason(reason)
    adaptation = adaptation.strip()
    if verdict == Verdict.ADAPTED and len(adaptation) < 3:
        raise InputError(
            _("Say what you adapted, for example “part-time instead of full-time”."),
            column="adaptation",
        )
    if verdict != Verdict.ADAPTED:
        adaptation = ""
    decision = decision_from_shown(
        actor=actor,
        jobseeker=jobseeker,
        shown=shown,
        verdict=verdict,
        reason=reason,
        adaptation=adaptation,
    )
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(jobseeker),
        details={
            "kind": f"suggestion.{shown.item_kind}",
            "item": shown.item_id,
            "shown": shown.pk,
            "set": shown.suggestion_set_id,
            "rank": shown.rank,
            "score": round(shown.score, 6),
            "index": shown.suggestion_set.index_version,
            "verdict": str(verdict),
            "reason": reason,
            "adaptation": adaptation,
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
        raise InputError(
            _("This assessment was already decided. Start a new one."), column="final_band"
        )
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
def vacancy_respond(
    *,
    actor: Any,
    jobseeker: JobSeeker,
    shown_id: int | None,
    response: str,
    reason: str = "",
    item_id: str | None = None,
) -> VacancyAction:
    """The job seeker saves a vacancy, turns it down, or records what came of applying.

    As for a counsellor's decision, ``item_id`` from the form is only checked against the
    vacancy the server showed.
    """
    shown = _shown_to(actor, jobseeker, shown_id)
    _same_item(shown, item_id)
    if response not in VacancyResponse.values:
        raise InputError(_("Choose one of the answers offered."), column="response")
    action = VacancyAction.objects.create(
        jobseeker=jobseeker,
        shown=shown,
        vacancy_id=shown.item_id,
        response=response,
        reason=reason.strip(),
    )
    event_record(
        actor=actor,
        action=Action.DECISION_RECORDED,
        subject=_subject(jobseeker),
        details={
            "kind": "vacancy.response",
            "item": shown.item_id,
            "shown": shown.pk,
            "response": response,
            "reason": action.reason,
        },
    )
    return action
