"""Reads for casework, and the counsellor's workbench over the caseload."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.enums import CONTACT_KINDS
from openpes.web.casework.models import Appointment, CaseNote, PlanGoal, PlanStep
from openpes.web.counselling.enums import ReviewStatus
from openpes.web.counselling.models import ReviewRequest, SupportAssessment


def no_contact_weeks() -> int:
    """After this many weeks without contact a person is flagged (``OPENPES_NO_CONTACT_WEEKS``)."""
    return int(os.environ.get("OPENPES_NO_CONTACT_WEEKS", "6"))


def notes_for(*, jobseeker: JobSeeker, for_jobseeker: bool) -> QuerySet[CaseNote]:
    notes = CaseNote.objects.filter(jobseeker=jobseeker).select_related("author")
    return notes.filter(internal_reason="") if for_jobseeker else notes


def appointments_upcoming(*, jobseeker: JobSeeker) -> QuerySet[Appointment]:
    return Appointment.objects.filter(jobseeker=jobseeker, starts_at__gte=timezone.now())


def plan_for(*, jobseeker: JobSeeker) -> list[PlanGoal]:
    return list(PlanGoal.objects.filter(jobseeker=jobseeker).prefetch_related("steps"))


def step_get(*, pk: int) -> PlanStep | None:
    return PlanStep.objects.filter(pk=pk).select_related("goal__jobseeker").first()


WORKBENCH_SORTS = {
    "name": ("last_name", "first_name"),
    "registered": ("registered_on", "last_name"),
    "-registered": ("-registered_on", "last_name"),
    "reference": ("reference",),
    "reviews": ("-open_reviews", "last_name"),
    "last_contact": ("last_contact", "last_name"),
    "next_appointment": ("next_appointment", "last_name"),
    "band": ("band", "last_name"),
}


def workbench_annotate(people: QuerySet[JobSeeker]) -> QuerySet[JobSeeker]:
    """Band (once decided), open reviews, last contact, next appointment, days registered."""
    band = (
        SupportAssessment.objects.filter(jobseeker=OuterRef("pk"))
        .exclude(final_band="")
        .order_by("-decided_at")
        .values("final_band")[:1]
    )
    reviews = (
        ReviewRequest.objects.filter(
            jobseeker=OuterRef("pk"), status__in=[ReviewStatus.OPEN, ReviewStatus.ESCALATED]
        )
        .values("jobseeker")
        .annotate(n=Count("pk"))
        .values("n")
    )
    overdue = ReviewRequest.objects.filter(
        jobseeker=OuterRef("pk"),
        status__in=[ReviewStatus.OPEN, ReviewStatus.ESCALATED],
        due_on__lt=timezone.localdate(),
    )
    return people.annotate(
        band=Subquery(band),
        open_reviews=Subquery(reviews, output_field=IntegerField()),
        overdue_reviews=Exists(overdue),
        last_contact=Max("notes__occurred_on", filter=Q(notes__kind__in=CONTACT_KINDS)),
        next_appointment=Min(
            "appointments__starts_at", filter=Q(appointments__starts_at__gte=timezone.now())
        ),
        has_plan=Exists(PlanGoal.objects.filter(jobseeker=OuterRef("pk"))),
    )


def workbench_filter(
    people: QuerySet[JobSeeker], *, band: str = "", reviews: str = "", sort: str = "name"
) -> QuerySet[JobSeeker]:
    if band:
        people = people.filter(band=band)
    if reviews == "open":
        people = people.filter(open_reviews__gt=0)
    return people.order_by(*WORKBENCH_SORTS.get(sort, WORKBENCH_SORTS["name"]))


def needs_attention(*, counsellor: Any) -> dict[str, list[JobSeeker]]:
    """The counsellor's landing list: overdue reviews, no recent contact, no action plan."""
    people = workbench_annotate(JobSeeker.objects.filter(counsellor=counsellor))
    cutoff = timezone.localdate() - dt.timedelta(weeks=no_contact_weeks())
    return {
        "overdue_reviews": list(people.filter(overdue_reviews=True).order_by("last_name")[:20]),
        "no_contact": list(
            people.filter(Q(last_contact__lt=cutoff) | Q(last_contact__isnull=True)).order_by(
                "last_contact", "last_name"
            )[:20]
        ),
        "no_plan": list(people.filter(has_plan=False).order_by("registered_on")[:20]),
    }
