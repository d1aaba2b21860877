"""Writes for readiness assessments. Each one is recorded in the audit trail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from openpes import readiness as core
from openpes.errors import InputError
from openpes.web.readiness.enums import TrailAction
from openpes.web.readiness.models import Assessment, Organisation, Respondent, SharedScore
from openpes.web.readiness.selectors import (
    DONT_KNOW,
    assessment_result,
    framework,
    own_organisation,
)
from openpes.web.trail.services import event_record


def _subject(assessment: Assessment) -> str:
    return f"readiness:{assessment.pk}"


def _clean_context(context: Mapping[str, str]) -> dict[str, str]:
    fw = framework()
    clean = {}
    for question_id, option in context.items():
        if not option:
            continue  # not decided yet: scored as the riskiest option
        try:
            question = fw.risk_question(question_id)
        except KeyError:
            raise InputError(f"unknown risk question {question_id!r}", column=question_id) from None
        if option not in {o.id for o in question.options}:
            raise InputError(f"unknown option {option!r}", column=question_id)
        clean[question_id] = option
    return clean


@transaction.atomic
def assessment_start(
    *,
    actor: Any,
    title: str,
    organisation_name: str = "",
    region: str = "",
    size_band: str = "",
    context: Mapping[str, str] | None = None,
) -> Assessment:
    """Start an assessment of this organisation (created on first use)."""
    organisation = own_organisation()
    if organisation is None:
        if not organisation_name.strip():
            raise InputError("expected the organisation's name", column="organisation_name")
        organisation = Organisation.objects.create(
            name=organisation_name.strip(), region=region, size_band=size_band, is_own=True
        )
    elif region or size_band:
        organisation.region = region or organisation.region
        organisation.size_band = size_band or organisation.size_band
        organisation.save(update_fields=["region", "size_band"])
    fw = framework()
    assessment = Assessment.objects.create(
        organisation=organisation,
        title=title.strip() or fw.title["en"],
        framework_id=fw.id,
        framework_version=fw.version,
        context=_clean_context(context or {}),
        created_by=actor,
    )
    event_record(actor=actor, action=TrailAction.STARTED, subject=_subject(assessment))
    return assessment


@transaction.atomic
def respondent_invite(
    *, actor: Any, assessment: Assessment, group: str, label: str, user: Any = None
) -> Respondent:
    """Add a respondent: a pseudonymous label, a group and, optionally, who answers."""
    if group not in {g.id for g in framework().respondent_groups}:
        raise InputError(f"unknown respondent group {group!r}", column="group")
    if not label.strip():
        raise InputError("expected a label, for example 'Counsellor, north office'", column="label")
    respondent = Respondent.objects.create(
        assessment=assessment, group=group, label=label.strip(), user=user
    )
    event_record(
        actor=actor,
        action=TrailAction.INVITED,
        subject=_subject(assessment),
        details={"respondent": respondent.pk, "group": group, "user": getattr(user, "pk", None)},
    )
    return respondent


@transaction.atomic
def respondent_answers_save(
    *,
    actor: Any,
    respondent: Respondent,
    answers: Mapping[str, str | int | None],
    step: int,
    submit: bool = False,
) -> Respondent:
    """Merge one step's answers (level 0-4, "dont_know", or empty to clear) and save progress."""
    questions = {q.id for q in framework().questions}
    merged = dict(respondent.answers)
    for question_id, value in answers.items():
        if question_id not in questions:
            raise InputError(f"unknown question {question_id!r}", column=question_id)
        if value in (None, ""):
            merged.pop(question_id, None)
        elif value == DONT_KNOW:
            merged[question_id] = DONT_KNOW
        elif str(value) in {"0", "1", "2", "3", "4"}:
            merged[question_id] = int(value)
        else:
            raise InputError(f'expected a level 0-4 or "{DONT_KNOW}"', column=question_id)
    respondent.answers = merged
    respondent.step = max(respondent.step, step)
    fields = ["answers", "step"]
    if submit:
        respondent.submitted_at = timezone.now()
        fields.append("submitted_at")
    respondent.save(update_fields=fields)
    event_record(
        actor=actor,
        action=TrailAction.SUBMITTED if submit else TrailAction.SAVED,
        subject=_subject(respondent.assessment),
        details={"respondent": respondent.pk, "step": step, "answered": len(merged)},
    )
    return respondent


@transaction.atomic
def assessment_share(*, actor: Any, assessment: Assessment) -> SharedScore:
    """Opt in: publish the anonymous scores (no name, no answers) to the peer benchmark."""
    if assessment.shared_at is not None:
        raise InputError("these scores are already shared")
    result = assessment_result(assessment)
    if result is None:
        raise InputError("nothing to share yet: no respondent has answered")
    shared = core.share(
        result,
        region=assessment.organisation.region or None,
        size_band=assessment.organisation.size_band or None,
    )
    now = timezone.now()
    score = SharedScore.objects.create(
        framework_id=shared.framework_id,
        framework_version=shared.framework_version,
        dimensions=dict(shared.dimensions),
        overall=shared.overall,
        region=shared.region or "",
        size_band=shared.size_band or "",
        shared_month=now.strftime("%Y-%m"),
    )
    assessment.shared_at = now
    assessment.save(update_fields=["shared_at"])
    event_record(actor=actor, action=TrailAction.SHARED, subject=_subject(assessment))
    return score
