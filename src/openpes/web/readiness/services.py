"""Writes for readiness assessments. Each one is recorded in the audit trail.

Bad input raises Django's ``ValidationError``: keyed by the field (a form field name or a
question id) when one field is wrong, so the page can show the message next to it, and
translated with gettext, so it reaches the reader in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes import readiness as core
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
            raise ValidationError(
                {question_id: ValidationError(_("This is not a question of the framework."))},
                code="unknown_question",
            ) from None
        if option not in {o.id for o in question.options}:
            raise ValidationError(
                {question_id: ValidationError(_("Choose one of the listed options."))},
                code="invalid_choice",
            )
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
    started_at: datetime | None = None,
) -> Assessment:
    """Start an assessment of this organisation (created on first use).

    ``started_at`` dates an earlier round entered afterwards (the demo's last year); now by
    default.
    """
    organisation = own_organisation()
    if organisation is None:
        if not organisation_name.strip():
            raise ValidationError(
                {"organisation_name": ValidationError(_("Enter the name of your organisation."))},
                code="required",
            )
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
        created_at=started_at or timezone.now(),
    )
    event_record(actor=actor, action=TrailAction.STARTED, subject=_subject(assessment))
    return assessment


@transaction.atomic
def respondent_invite(
    *, actor: Any, assessment: Assessment, group: str, label: str, user: Any = None
) -> Respondent:
    """Add a respondent: a pseudonymous label, a group and, optionally, who answers."""
    if group not in {g.id for g in framework().respondent_groups}:
        raise ValidationError(
            {"group": ValidationError(_("Choose a respondent group from the list."))},
            code="invalid_choice",
        )
    if not label.strip():
        raise ValidationError(
            {"label": ValidationError(_("Enter a label, for example “Counsellor, north office”."))},
            code="required",
        )
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
    submitted_at: datetime | None = None,
) -> Respondent:
    """Merge one step's answers (level 0-4, "dont_know", or empty to clear) and save progress.

    ``submitted_at`` dates a submission entered afterwards; now by default.
    """
    questions = {q.id for q in framework().questions}
    merged = dict(respondent.answers)
    for question_id, value in answers.items():
        if question_id not in questions:
            raise ValidationError(
                {question_id: ValidationError(_("This is not a question of the framework."))},
                code="unknown_question",
            )
        if value in (None, ""):
            merged.pop(question_id, None)
        elif value == DONT_KNOW:
            merged[question_id] = DONT_KNOW
        elif str(value) in {"0", "1", "2", "3", "4"}:
            merged[question_id] = int(value)
        else:
            raise ValidationError(
                {question_id: ValidationError(_("Choose a level from 0 to 4, or “Don’t know”."))},
                code="invalid_choice",
            )
    respondent.answers = merged
    respondent.step = max(respondent.step, step)
    fields = ["answers", "step"]
    if submit:
        respondent.submitted_at = submitted_at or timezone.now()
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
        raise ValidationError(_("These scores are already shared."), code="shared")
    result = assessment_result(assessment)
    if result is None:
        raise ValidationError(
            _("Nothing to share yet: no respondent has answered."), code="no_answers"
        )
    shared = core.share(
        result,
        region=assessment.organisation.region or None,
        size_band=assessment.organisation.size_band or None,
    )
    now = timezone.now()
    score = shared_score_record(shared=shared, when=now)
    assessment.shared_at = now
    assessment.save(update_fields=["shared_at"])
    event_record(actor=actor, action=TrailAction.SHARED, subject=_subject(assessment))
    return score


@transaction.atomic
def shared_score_record(*, shared: core.SharedResult, when: datetime) -> SharedScore:
    """Store one organisation's anonymous scores for the peer benchmark.

    Only the month is kept, so the time of sharing cannot be matched to one organisation's
    activity. Peers' scores arrive this way too (the demo's fictional peers).
    """
    return SharedScore.objects.create(
        framework_id=shared.framework_id,
        framework_version=shared.framework_version,
        dimensions=dict(shared.dimensions),
        overall=shared.overall,
        region=shared.region or "",
        size_band=shared.size_band or "",
        shared_month=when.strftime("%Y-%m"),
    )
