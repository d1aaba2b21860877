from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.enums import NeedBand, ReviewStatus, ReviewTopic, Verdict


class SuggestionDecision(models.Model):
    """A counsellor's verdict on one suggested vacancy or training, with the reason."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    item_kind = models.CharField(_("kind"), max_length=16)  # "vacancy" or "training"
    item_id = models.CharField(_("item"), max_length=64)
    rank = models.PositiveSmallIntegerField(_("rank shown"))
    score = models.FloatField(_("score shown"))
    verdict = models.CharField(_("decision"), max_length=16, choices=Verdict.choices)
    reason = models.TextField(_("reason"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} {self.item_kind} {self.item_id}: {self.verdict}"


class SupportAssessment(models.Model):
    """A support-needs assessment: the counsellor's band, then the model's, then the decision."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="support_assessments"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    counsellor_band = models.CharField(
        _("counsellor's own assessment"), max_length=8, choices=NeedBand.choices
    )
    model_band = models.CharField(
        _("model's band"), max_length=8, choices=NeedBand.choices, blank=True
    )
    model_probability = models.FloatField(_("model's probability"), null=True, blank=True)
    model_version = models.CharField(_("model version"), max_length=80, blank=True)
    final_band = models.CharField(
        _("final decision"), max_length=8, choices=NeedBand.choices, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("support-needs assessment")
        verbose_name_plural = _("support-needs assessments")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id}: {self.final_band or 'open'}"

    @property
    def decided(self) -> bool:
        return bool(self.final_band)

    @property
    def overrides_model(self) -> bool:
        return bool(self.final_band and self.model_band and self.final_band != self.model_band)


class ReviewRequest(models.Model):
    """A job seeker asks for a person to review an assessment, a suggestion or their data."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="review_requests"
    )
    topic = models.CharField(_("about"), max_length=16, choices=ReviewTopic.choices)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id}: {self.topic} ({self.status})"
