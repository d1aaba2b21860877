"""Reads of outcomes, and the support-needs target computed from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from openpes.web.caseload.models import JobSeeker
from openpes.web.outcomes.enums import OutcomeStatus
from openpes.web.outcomes.models import Outcome

#: The support-needs target: not back in work within this many days of registering.
TARGET_DAYS = 365


def outcomes_frame(*, since: dt.date | None = None) -> pl.DataFrame:
    """Every outcome with the person's reference, oldest first."""
    rows = Outcome.objects.order_by("jobseeker__reference", "observed_on", "source")
    if since is not None:
        rows = rows.filter(observed_on__gte=since)
    columns = ("jobseeker__reference", "status", "observed_on", "source", "employer")
    return pl.DataFrame(
        list(rows.values_list(*columns)),
        schema={
            "jobseeker_id": pl.String(),
            "status": pl.String(),
            "observed_on": pl.Date(),
            "source": pl.String(),
            "employer": pl.String(),
        },
        orient="row",
    )


def support_needs_target(
    *, as_of: dt.date, people: Iterable[JobSeeker] | None = None
) -> pl.DataFrame:
    """Per job seeker: ``not_employed_12m`` (true, false, or null when not yet known).

    True when no "employed" outcome falls within 12 months of registration; null while the
    12 months have not passed yet and no employment is recorded (the person is still
    within the window, so the target is unknown, not false).
    """
    queryset = JobSeeker.objects.all() if people is None else people
    registered = pl.DataFrame(
        [(p.pk, p.reference, p.registered_on) for p in queryset]
        if people is not None
        else list(JobSeeker.objects.values_list("pk", "reference", "registered_on")),
        schema={"pk": pl.Int64(), "jobseeker_id": pl.String(), "registered_on": pl.Date()},
        orient="row",
    )
    employed = pl.DataFrame(
        list(
            Outcome.objects.filter(
                status=OutcomeStatus.EMPLOYED, jobseeker_id__in=registered["pk"].to_list()
            ).values_list("jobseeker_id", "observed_on")
        )
        if people is not None
        else list(
            Outcome.objects.filter(status=OutcomeStatus.EMPLOYED).values_list(
                "jobseeker_id", "observed_on"
            )
        ),
        schema={"pk": pl.Int64(), "observed_on": pl.Date()},
        orient="row",
    )
    window_end = pl.col("registered_on") + pl.duration(days=TARGET_DAYS)
    first_job = (
        employed.join(registered.select("pk", "registered_on"), on="pk")
        .filter(
            (pl.col("observed_on") >= pl.col("registered_on"))
            & (pl.col("observed_on") <= window_end)
        )
        .group_by("pk")
        .agg(first_employed_on=pl.col("observed_on").min())
    )
    result = registered.join(first_job, on="pk", how="left").with_columns(
        not_employed_12m=pl.when(pl.col("first_employed_on").is_not_null())
        .then(False)
        .when(window_end <= pl.lit(as_of))
        .then(True)
        .otherwise(None)
    )
    return result.select(
        "jobseeker_id", "registered_on", "first_employed_on", "not_employed_12m"
    ).sort("jobseeker_id")
