from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpes.web.readiness.enums import SizeBand


class Organisation(models.Model):
    """The PES running this installation (``is_own``), whose assessments are kept here."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    size_band = models.CharField(_("size"), max_length=16, choices=SizeBand.choices, blank=True)
    is_own = models.BooleanField(_("this organisation"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """One self-assessment round against one framework version."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    title = models.CharField(_("title"), max_length=200)
    framework_id = models.CharField(_("framework"), max_length=100)
    framework_version = models.CharField(_("framework version"), max_length=20)
    # The planned AI use: risk question id -> option id (scored apart from maturity).
    context = models.JSONField(_("planned use"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="readiness_assessments",
    )
    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    shared_at = models.DateTimeField(_("scores shared on"), null=True, blank=True)

    class Meta:
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Respondent(models.Model):
    """One voice in an assessment. ``label`` is a pseudonym; no name is needed."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="respondents",
    )
    group = models.CharField(_("respondent group"), max_length=50)
    label = models.CharField(_("label"), max_length=100)
    # Who answers. Empty: whoever started the assessment enters the answers (e.g. from a workshop).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readiness_answers",
    )
    # Question id -> level 0-4 or "dont_know"; missing means not answered yet.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    step = models.PositiveSmallIntegerField(_("last step saved"), default=0)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return self.label


class SharedScore(models.Model):
    """Scores an organisation chose to share with peers. Deliberately no link to it."""

    framework_id = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=20)
    dimensions = models.JSONField()
    overall = models.FloatField()
    region = models.CharField(max_length=100, blank=True)
    size_band = models.CharField(max_length=16, blank=True)
    # Only the month, so the time of sharing cannot be matched to one organisation's activity.
    shared_month = models.CharField(max_length=7)

    class Meta:
        verbose_name = _("shared score")
        verbose_name_plural = _("shared scores")

    def __str__(self) -> str:
        return f"{self.framework_id} {self.framework_version} ({self.shared_month})"
