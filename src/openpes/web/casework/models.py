from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.enums import InternalReason, NoteKind, StepKind, StepOwner


class CaseNote(models.Model):
    """A dated note or contact. The job seeker reads it unless it is internal, with a reason."""

    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=16, choices=NoteKind.choices)
    occurred_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    internal_reason = models.CharField(
        _("hidden from the job seeker because"),
        max_length=16,
        choices=InternalReason.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-occurred_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} {self.kind} {self.occurred_on}"

    @property
    def internal(self) -> bool:
        return bool(self.internal_reason)


class Appointment(models.Model):
    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="appointments")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("date and time"))
    kind = models.CharField(_("type"), max_length=16, choices=NoteKind.choices)
    purpose = models.CharField(_("purpose"), max_length=300)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class PlanGoal(models.Model):
    """A goal of the individual action plan, agreed with the job seeker."""

    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class PlanStep(models.Model):
    """An agreed step towards a goal: who does it, by when, and whether it is done."""

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("type"), max_length=16, choices=StepKind.choices)
    title = models.CharField(_("step"), max_length=300)
    owner = models.CharField(_("who does it"), max_length=16, choices=StepOwner.choices)
    due_on = models.DateField(_("due by"))
    vacancy_id = models.CharField(_("vacancy"), max_length=64, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
