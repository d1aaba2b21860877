"""Erasure of a job seeker's personal data (GDPR Art. 17).

Erasure removes what identifies the person and what they or a counsellor wrote about them,
and keeps what oversight needs to stay truthful: the pseudonymous reference, the region,
the registration date, the protected attributes used only for fairness monitoring, and the
decisions and assessments (without their free-text reasons). The audit trail is not touched:
its events name the pseudonymous reference only, so the chain stays valid.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.models import Appointment, CaseNote, PlanGoal, PlanStep
from openpes.web.counselling.models import (
    ReviewAnswer,
    ReviewRequest,
    SuggestionDecision,
    SupportAssessment,
    VacancyAction,
)
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record

__all__ = ["ERASED_TEXT", "jobseeker_erase"]

#: What stands where free text was erased.
ERASED_TEXT = "[erased]"


@transaction.atomic
def jobseeker_erase(*, actor: Any, jobseeker: JobSeeker, reason: str, confirm: str) -> None:
    """Erase ``jobseeker``'s personal data; ``confirm`` must repeat their reference.

    Raises :class:`~openpes.errors.InputError` (and changes nothing) when the reason is
    empty or the confirmation does not match.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InputError(_("Give the reason for the erasure."), column="reason")
    if (confirm or "").strip() != jobseeker.reference:
        raise InputError(
            _("Type the reference {reference} to confirm the erasure.").format(
                reference=jobseeker.reference
            ),
            column="confirm",
        )
    user = jobseeker.user
    jobseeker.first_name = ""
    jobseeker.last_name = ""
    jobseeker.user = None
    jobseeker.counsellor = None
    # The home location becomes the region's: the monitors work by region, not by address.
    jobseeker.lat = round(jobseeker.lat, 0)
    jobseeker.lon = round(jobseeker.lon, 0)
    jobseeker.languages = []
    jobseeker.preferred_occupations = []
    jobseeker.save()
    jobseeker.skills.all().delete()
    jobseeker.experience.all().delete()
    _erase_free_text(jobseeker)
    if user is not None:
        get_user_model().objects.filter(pk=user.pk).delete()
    event_record(
        actor=actor,
        action=Action.RECORD_ERASED,
        subject=f"jobseeker:{jobseeker.reference}",
        details={"reason": reason, "login_deleted": user is not None},
    )


def _erase_free_text(jobseeker: JobSeeker) -> None:
    """What anyone wrote about the person goes; what it was about (kinds, verdicts, bands,
    dates, statuses) stays for the monitors."""
    SuggestionDecision.objects.filter(jobseeker=jobseeker).update(reason=ERASED_TEXT)
    SuggestionDecision.objects.filter(jobseeker=jobseeker).exclude(adaptation="").update(
        adaptation=ERASED_TEXT
    )
    SupportAssessment.objects.filter(jobseeker=jobseeker).exclude(reason="").update(
        reason=ERASED_TEXT
    )
    ReviewRequest.objects.filter(jobseeker=jobseeker).update(
        message=ERASED_TEXT, answer=ERASED_TEXT
    )
    ReviewRequest.objects.filter(jobseeker=jobseeker).exclude(escalation_message="").update(
        escalation_message=ERASED_TEXT
    )
    ReviewAnswer.objects.filter(review__jobseeker=jobseeker).update(
        explanation=ERASED_TEXT, would_change=ERASED_TEXT
    )
    VacancyAction.objects.filter(jobseeker=jobseeker).exclude(reason="").update(reason=ERASED_TEXT)
    CaseNote.objects.filter(jobseeker=jobseeker).update(text=ERASED_TEXT)
    Appointment.objects.filter(jobseeker=jobseeker).update(purpose=ERASED_TEXT)
    PlanGoal.objects.filter(jobseeker=jobseeker).update(title=ERASED_TEXT)
    PlanStep.objects.filter(goal__jobseeker=jobseeker).update(title=ERASED_TEXT)
    # Where the person works identifies them; that they found work is what outcomes count.
    Outcome.objects.filter(jobseeker=jobseeker).exclude(employer="").update(employer="")
