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
from openpes.web.counselling.models import ReviewRequest, SuggestionDecision, SupportAssessment
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
    SuggestionDecision.objects.filter(jobseeker=jobseeker).update(reason=ERASED_TEXT)
    SupportAssessment.objects.filter(jobseeker=jobseeker).exclude(reason="").update(
        reason=ERASED_TEXT
    )
    ReviewRequest.objects.filter(jobseeker=jobseeker).update(
        message=ERASED_TEXT, answer=ERASED_TEXT
    )
    if user is not None:
        get_user_model().objects.filter(pk=user.pk).delete()
    event_record(
        actor=actor,
        action=Action.RECORD_ERASED,
        subject=f"jobseeker:{jobseeker.reference}",
        details={"reason": reason, "login_deleted": user is not None},
    )
