"""Writes for casework; every one is a trail event on the person's record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.enums import InternalReason, NoteKind, StepKind, StepOwner
from openpes.web.casework.models import Appointment, CaseNote, PlanGoal, PlanStep
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record

#: The goal a step from an accepted suggestion joins when the plan has none yet.
DEFAULT_GOAL = _("Find work that fits")
STEP_DAYS = 14


def _subject(jobseeker: JobSeeker) -> str:
    return f"jobseeker:{jobseeker.reference}"


def _text(text: str, column: str) -> str:
    text = text.strip()
    if len(text) < 3:
        raise InputError(_("Write at least a few words."), column=column)
    return text


def _changed(actor: Any, jobseeker: JobSeeker, **details: Any) -> None:
    event_record(
        actor=actor, action=Action.RECORD_CHANGED, subject=_subject(jobseeker), details=details
    )


@transaction.atomic
def note_add(
    *,
    actor: Any,
    jobseeker: JobSeeker,
    kind: str,
    occurred_on: dt.date,
    text: str,
    internal_reason: str = "",
) -> CaseNote:
    if kind not in NoteKind.values:
        raise InputError(_("Choose the type of contact."), column="kind")
    if internal_reason and internal_reason not in InternalReason.values:
        raise InputError(_("Choose one of the documented reasons."), column="internal_reason")
    if occurred_on > timezone.localdate():
        raise InputError(_("A note records something that has happened."), column="occurred_on")
    note = CaseNote.objects.create(
        jobseeker=jobseeker,
        author=actor,
        kind=kind,
        occurred_on=occurred_on,
        text=_text(text, "text"),
        internal_reason=internal_reason,
    )
    _changed(actor, jobseeker, kind="note.added", note=note.pk, internal=internal_reason)
    return note


@transaction.atomic
def appointment_add(
    *, actor: Any, jobseeker: JobSeeker, starts_at: dt.datetime, kind: str, purpose: str
) -> Appointment:
    if starts_at < timezone.now():
        raise InputError(_("An appointment must be in the future."), column="starts_at")
    if kind not in NoteKind.values:
        raise InputError(_("Choose the type of contact."), column="kind")
    appointment = Appointment.objects.create(
        jobseeker=jobseeker,
        created_by=actor,
        starts_at=starts_at,
        kind=kind,
        purpose=_text(purpose, "purpose"),
    )
    _changed(actor, jobseeker, kind="appointment.added", appointment=appointment.pk)
    return appointment


@transaction.atomic
def goal_add(*, actor: Any, jobseeker: JobSeeker, title: str) -> PlanGoal:
    goal = PlanGoal.objects.create(
        jobseeker=jobseeker, created_by=actor, title=_text(title, "title")
    )
    _changed(actor, jobseeker, kind="plan.goal_added", goal=goal.pk)
    return goal


@transaction.atomic
def step_add(
    *,
    actor: Any,
    goal: PlanGoal,
    kind: str,
    title: str,
    owner: str,
    due_on: dt.date,
    vacancy_id: str = "",
) -> PlanStep:
    if kind not in StepKind.values:
        raise InputError(_("Choose the type of step."), column="kind")
    if owner not in StepOwner.values:
        raise InputError(_("Choose who does this step."), column="owner")
    step = PlanStep.objects.create(
        goal=goal,
        kind=kind,
        title=_text(title, "title"),
        owner=owner,
        due_on=due_on,
        vacancy_id=vacancy_id,
        created_by=actor,
    )
    _changed(actor, goal.jobseeker, kind="plan.step_added", step=step.pk, owner=owner)
    return step


@transaction.atomic
def step_from_suggestion(
    *, actor: Any, jobseeker: JobSeeker, vacancy_id: str, label: str
) -> PlanStep:
    """Accepting a suggestion can add 'apply to this vacancy' to the plan."""
    goal = jobseeker.goals.order_by("created_at").first()
    if goal is None:
        goal = goal_add(actor=actor, jobseeker=jobseeker, title=str(DEFAULT_GOAL))
    return step_add(
        actor=actor,
        goal=goal,
        kind=StepKind.VACANCY,
        title=label,
        owner=StepOwner.JOBSEEKER,
        due_on=timezone.localdate() + dt.timedelta(days=STEP_DAYS),
        vacancy_id=vacancy_id,
    )


@transaction.atomic
def step_mark_done(*, actor: Any, step: PlanStep, by_jobseeker: bool) -> PlanStep:
    """The job seeker marks their own steps done; the counsellor may mark any."""
    if by_jobseeker and step.owner != StepOwner.JOBSEEKER:
        raise InputError(_("Only your counsellor can mark this step done."), column="step")
    if step.done_at is None:
        step.done_at = timezone.now()
        step.save(update_fields=["done_at"])
        _changed(actor, step.goal.jobseeker, kind="plan.step_done", step=step.pk)
    return step
