"""Writes: the ESCO occupation a counsellor chose through a national code."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openpes.web.caseload.models import JobSeeker
from openpes.web.classifications.selectors import national_occupation
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


def national_choice_record(
    *, actor: Any, reference: str, national: str, occupation_uri: str
) -> None:
    """Put in the trail that ``occupation_uri`` became a wished-for occupation through the
    national code ``national`` (``scheme:code``): the counsellor's form, the API and
    ``openpes import`` all record it this way."""
    event_record(
        actor=actor,
        action=Action.RECORD_CHANGED,
        subject=f"jobseeker:{reference}",
        details={"preferred_occupation_added": occupation_uri, "national_code": national},
    )


@transaction.atomic
def jobseeker_occupation_choose(
    *, actor: Any, jobseeker: JobSeeker, national: str, occupation_uri: str
) -> bool:
    """Add the ESCO occupation chosen for a national code to the wished-for occupations.

    The occupation must be one the national code leads to (its ISCO-08 groups); the
    national code is kept in the trail beside it. Returns False if it was already there.

    Raises
    ------
    InputError
        With a translatable message, when the scheme, the code or the occupation is not
        one the national code leads to (see ``selectors.national_occupation``).
    """
    occupation_uri = national_occupation(national, occupation_uri)
    jobseeker = JobSeeker.objects.select_for_update().get(pk=jobseeker.pk)
    if occupation_uri in jobseeker.preferred_occupations:
        return False
    jobseeker.preferred_occupations = [*jobseeker.preferred_occupations, occupation_uri]
    jobseeker.save(update_fields=["preferred_occupations"])
    national_choice_record(
        actor=actor,
        reference=jobseeker.reference,
        national=national,
        occupation_uri=occupation_uri,
    )
    return True
