"""Writes: the ESCO occupation a counsellor chose through a national code."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.classifications.selectors import candidates
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


@transaction.atomic
def jobseeker_occupation_choose(
    *, actor: Any, jobseeker: JobSeeker, national: str, occupation_uri: str
) -> bool:
    """Add the ESCO occupation chosen for a national code to the wished-for occupations.

    The occupation must be one the national code leads to (its ISCO-08 groups); the
    national code is kept in the trail beside it. Returns False if it was already there.
    """
    if occupation_uri not in {c.uri for c in candidates(national)}:
        raise InputError(
            "expected one of the ESCO occupations of this national code", column="occupation_uri"
        )
    jobseeker = JobSeeker.objects.select_for_update().get(pk=jobseeker.pk)
    if occupation_uri in jobseeker.preferred_occupations:
        return False
    jobseeker.preferred_occupations = [*jobseeker.preferred_occupations, occupation_uri]
    jobseeker.save(update_fields=["preferred_occupations"])
    event_record(
        actor=actor,
        action=Action.RECORD_CHANGED,
        subject=f"jobseeker:{jobseeker.reference}",
        details={"preferred_occupation_added": occupation_uri, "national_code": national},
    )
    return True
