from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.models import JobSeeker
from openpes.web.outcomes.enums import OutcomeStatus


class Outcome(models.Model):
    """What became of a job seeker on a date, as a source (back office, tax records) says.

    One status per person, date and source: a source that reports the same day again
    replaces its own report, never another source's.
    """

    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="outcomes")
    status = models.CharField(_("status"), max_length=20, choices=OutcomeStatus.choices)
    observed_on = models.DateField(_("observed on"))
    source = models.CharField(_("source"), max_length=64)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    vacancy_reference = models.CharField(_("vacancy"), max_length=128, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("employment outcome")
        verbose_name_plural = _("employment outcomes")
        ordering = ["jobseeker", "observed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["jobseeker", "observed_on", "source"], name="outcomes_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} {self.observed_on}: {self.status}"
