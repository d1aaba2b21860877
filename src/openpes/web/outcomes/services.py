"""Writes of outcomes: idempotent upserts keyed by (job seeker, date, source)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.bulk_writes import objects_update
from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue.services import BATCH, UpsertResult
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.services import events_record

OUTCOME_FIELDS = ("status", "employer", "occupation_uri", "vacancy_reference")


@transaction.atomic
def outcomes_upsert(
    *,
    actor: Any,
    records: Iterable[dict[str, Any]],
    source: str,
    progress: Callable[[int], None] | None = None,
    channel: str = "api",
) -> UpsertResult:
    """Record outcomes; ``jobseeker_id`` is the person's reference. Validated records only."""
    records = list(records)
    people = dict(
        JobSeeker.objects.filter(reference__in={r["jobseeker_id"] for r in records}).values_list(
            "reference", "pk"
        )
    )
    for number, record in enumerate(records, start=1):
        if record["jobseeker_id"] not in people:
            raise InputError(
                _("expected the reference of a registered job seeker"),
                column="jobseeker_id",
                row=number,
            )
    existing = {
        (pk, day): (outcome_pk, tuple(values))
        for pk, day, outcome_pk, *values in Outcome.objects.filter(
            source=source, jobseeker_id__in=set(people.values())
        ).values_list("jobseeker_id", "observed_on", "pk", *OUTCOME_FIELDS)
    }
    new, changed, unchanged = [], [], 0
    for record in records:
        pk = people[record["jobseeker_id"]]
        values = {name: record.get(name) or "" for name in OUTCOME_FIELDS}
        key = (pk, record["observed_on"])
        if key not in existing:
            new.append(Outcome(jobseeker_id=pk, observed_on=key[1], source=source, **values))
        elif existing[key][1] != tuple(values.values()):
            changed.append(
                Outcome(
                    pk=existing[key][0],
                    jobseeker_id=pk,
                    observed_on=key[1],
                    source=source,
                    **values,
                )
            )
        else:
            unchanged += 1
    for start in range(0, len(new), BATCH):
        Outcome.objects.bulk_create(new[start : start + BATCH])
        if progress:
            progress(len(new[start : start + BATCH]))
    for start in range(0, len(changed), BATCH):
        objects_update(Outcome, changed[start : start + BATCH], OUTCOME_FIELDS)
        if progress:
            progress(len(changed[start : start + BATCH]))
    if progress and unchanged:
        progress(unchanged)
    result = UpsertResult(len(new), len(changed), unchanged)
    # One event per person and kind of change, so it reaches that person's own access log.
    references = {pk: reference for reference, pk in people.items()}
    days: dict[tuple[int, str], list[str]] = defaultdict(list)
    for kind, outcomes in (("created", new), ("updated", changed)):
        for outcome in outcomes:
            days[outcome.jobseeker_id, kind].append(str(outcome.observed_on))
    events_record(
        actor=actor,
        action="outcomes.recorded",
        events=[
            (
                f"jobseeker:{references[pk]}",
                {"channel": channel, "kind": kind, "source": source, "observed_on": sorted(on)},
            )
            for (pk, kind), on in sorted(days.items())
        ],
    )
    return result
