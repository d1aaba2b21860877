"""Reads for casework, and the counsellor's workbench over the caseload."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
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
        last_contact=_last_contact(),
        next_appointment=Subquery(
            Appointment.objects.filter(jobseeker=OuterRef("pk"), starts_at__gte=timezone.now())
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
        has_plan=_has_plan(),
    )


# Subqueries, not joins: joined, each person's notes multiplied their appointments, and every
# query over the caseload grouped the product.
def _last_contact() -> Subquery:
    return Subquery(
        CaseNote.objects.filter(jobseeker=OuterRef("pk"), kind__in=CONTACT_KINDS)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )


def _has_plan() -> Exists:
    return Exists(PlanGoal.objects.filter(jobseeker=OuterRef("pk")))


def workbench_filter(
    people: QuerySet[JobSeeker], *, band: str = "", reviews: str = "", sort: str = "name"
) -> QuerySet[JobSeeker]:
    if band:
        people = people.filter(band=band)
    if reviews == "open":
        people = people.filter(open_reviews__gt=0)
    return people.order_by(*WORKBENCH_SORTS.get(sort, WORKBENCH_SORTS["name"]))


@dataclass(frozen=True)
class AttentionPerson:
    """One person in a "needs attention" list: what the list shows and links to."""

    reference: str
    first_name: str
    last_name: str
    registered_on: dt.date
    last_contact: dt.date | None


#: Names per "needs attention" list.
ATTENTION_LIMIT = 20


def needs_attention(*, counsellor: Any) -> dict[str, list[AttentionPerson]]:
    """The counsellor's landing list: overdue reviews, no recent contact, no action plan."""
    today = timezone.localdate()
    cutoff = today - dt.timedelta(weeks=no_contact_weeks())
    overdue = ReviewRequest.objects.filter(
        jobseeker=OuterRef("pk"),
        status__in=[ReviewStatus.OPEN, ReviewStatus.ESCALATED],
        due_on__lt=today,
    )
    # One query over the caseload (a few hundred rows at most), the three lists chosen here:
    # three queries of their own cost three times the compiling, which was most of the time.
    rows = (
        JobSeeker.objects.filter(counsellor=counsellor)
        .annotate(contact=_last_contact(), overdue=Exists(overdue), has_plan=_has_plan())
        .order_by("pk")
        .values_list(
            "reference",
            "first_name",
            "last_name",
            "registered_on",
            "contact",
            "overdue",
            "has_plan",
            named=True,
        )
    )
    people = list(rows)
    never = dt.date.min

    def chosen(wanted: Any, key: Any) -> list[AttentionPerson]:
        picked = sorted((p for p in people if wanted(p)), key=key)[:ATTENTION_LIMIT]
        return [
            AttentionPerson(p.reference, p.first_name, p.last_name, p.registered_on, p.contact)
            for p in picked
        ]

    return {
        "overdue_reviews": chosen(lambda p: p.overdue, lambda p: p.last_name),
        # Never contacted first, then the longest ago (on both databases alike).
        "no_contact": chosen(
            lambda p: p.contact is None or p.contact < cutoff,
            lambda p: (p.contact is not None, p.contact or never, p.last_name),
        ),
        "no_plan": chosen(lambda p: not p.has_plan, lambda p: p.registered_on),
    }
