"""Reads for the caseload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from openpes.web.accounts.selectors import team_member_list, team_of_lead
from openpes.web.caseload.enums import RegistrationLength, SkillSource
from openpes.web.caseload.models import JobSeeker, JobSeekerSkill
from openpes.web.caseload.taxonomy import label_of
from openpes.web.classifications.selectors import occupation_uris

SORTS = {
    "name": ("last_name", "first_name"),
    "registered": ("registered_on", "last_name"),
    "-registered": ("-registered_on", "last_name"),
    "reference": ("reference",),
}
#: Below this many people an aggregate could point at individuals, so it is not shown.
MIN_AGGREGATE = 10


def _months_ago(months: int, today: date) -> date:
    return today - timedelta(days=round(months * 30.44))


def caseload_list(
    *,
    counsellor: Any,
    query: str = "",
    region: str = "",
    occupation: str = "",
    registration: str = "",
    sort: str = "name",
) -> QuerySet[JobSeeker]:
    """The counsellor's own job seekers, searched, filtered and sorted."""
    people = JobSeeker.objects.filter(counsellor=counsellor)
    if query:
        people = people.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(reference__iexact=query)
        )
    if region:
        people = people.filter(region=region)
    if occupation:  # an ESCO URI, or a national code standing for its ESCO occupations
        people = people.filter(experience__occupation_uri__in=occupation_uris(occupation))
        people = people.distinct()
    today = timezone.localdate()
    if registration == RegistrationLength.UNDER_6M:
        people = people.filter(registered_on__gt=_months_ago(6, today))
    elif registration == RegistrationLength.FROM_6_TO_12M:
        people = people.filter(
            registered_on__lte=_months_ago(6, today), registered_on__gt=_months_ago(12, today)
        )
    elif registration == RegistrationLength.OVER_12M:
        people = people.filter(registered_on__lte=_months_ago(12, today))
    # A subquery, not a join: joined, the skills multiply the notes and appointments that the
    # workbench aggregates over, and the list's query grew with their product.
    skills = (
        JobSeekerSkill.objects.filter(jobseeker=OuterRef("pk"))
        .order_by()
        .values("jobseeker")
        .annotate(n=Count("pk"))
        .values("n")
    )
    skill_count = Coalesce(Subquery(skills, output_field=IntegerField()), 0)
    return people.annotate(skill_count=skill_count).order_by(*SORTS.get(sort, SORTS["name"]))


def caseload_filter_options(*, counsellor: Any) -> dict[str, list[tuple[str, str]]]:
    people = JobSeeker.objects.filter(counsellor=counsellor)
    regions = sorted(set(people.values_list("region", flat=True)))
    occupations = set(people.values_list("experience__occupation_uri", flat=True)) - {None}
    return {
        "regions": [(r, r) for r in regions],
        "occupations": sorted(((uri, label_of(uri)) for uri in occupations), key=lambda o: o[1]),
    }


def jobseeker_get(*, reference: str) -> JobSeeker | None:
    return (
        JobSeeker.objects.filter(reference=reference)
        # The counsellor's team decides which pauses apply on the page (read with the person).
        .select_related("counsellor__team_membership__team")
        .prefetch_related("skills", "experience")
        .first()
    )


def jobseeker_of_user(*, user: Any) -> JobSeeker | None:
    return (
        JobSeeker.objects.filter(user=user)
        # The counsellor's team decides which pauses apply on the page (read with the person).
        .select_related("counsellor__team_membership__team")
        .prefetch_related("skills", "experience")
        .first()
    )


@dataclass(frozen=True)
class CaseloadSize:
    counsellor: Any
    size: int
    long_term: int | None  # None when suppressed (fewer than MIN_AGGREGATE people)


def team_caseload_sizes(*, lead: Any) -> tuple[Any, list[CaseloadSize]]:
    team = team_of_lead(lead)
    if team is None:
        return None, []
    cutoff = _months_ago(12, timezone.localdate())
    counts = {
        row["counsellor"]: row
        for row in JobSeeker.objects.filter(counsellor__team_membership__team=team)
        .values("counsellor")
        .annotate(size=Count("id"), long_term=Count("id", filter=Q(registered_on__lte=cutoff)))
    }
    sizes = []
    for member in team_member_list(team=team):
        row = counts.get(member.pk, {"size": 0, "long_term": 0})
        sizes.append(
            CaseloadSize(
                member, row["size"], row["long_term"] if row["size"] >= MIN_AGGREGATE else None
            )
        )
    return team, sizes


@dataclass(frozen=True)
class SkillView:
    uri: str
    label: str
    source: str


def profile_view(jobseeker: JobSeeker) -> dict[str, Any]:
    """What a counsellor or the job seeker sees: labels instead of URIs, never protected data."""
    # Each label translated once, not once per skill (``get_source_display`` rebuilds its
    # choices for every call: a twentieth of a case page's time for 35 skills).
    sources = {value: str(label) for value, label in SkillSource.choices}
    skills = sorted(
        (
            SkillView(s.skill_uri, label_of(s.skill_uri), sources.get(s.source, s.source))
            for s in jobseeker.skills.all()
        ),
        key=lambda s: s.label.casefold(),
    )
    return {
        "skills": skills,
        "experience": [(label_of(e.occupation_uri), e.years) for e in jobseeker.experience.all()],
        "preferred_occupations": [label_of(uri) for uri in jobseeker.preferred_occupations],
        "months_registered": max(0, (timezone.localdate() - jobseeker.registered_on).days // 30),
    }
