from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.enums import (
    NeedBand,
    ReviewLevel,
    ReviewOutcome,
    ReviewStatus,
    ReviewTopic,
    VacancyResponse,
    Verdict,
)


class SuggestionSet(models.Model):
    """The suggestions one user was shown for one person, at the moment the page rendered.

    Decisions and review requests may only refer to an item of a set shown to the one who
    decides or asks: the server records what it showed, never ids or scores from the browser.
    """

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="suggestion_sets"
    )
    shown_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    page = models.CharField(_("page"), max_length=32)
    index_version = models.CharField(_("matching index version"), max_length=80)
    shown_at = models.DateTimeField(_("shown at"), auto_now_add=True)
    #: Set by ``suggestion_set_record``: the items just stored, with their ids (no re-read).
    shown_items: list[ShownSuggestion]

    class Meta:
        verbose_name = _("suggestion set shown")
        verbose_name_plural = _("suggestion sets shown")
        ordering = ["-shown_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} @ {self.shown_at:%Y-%m-%d %H:%M}"


class ShownSuggestion(models.Model):
    """One item of a shown set, with the rank and score it had on the page."""

    suggestion_set = models.ForeignKey(
        SuggestionSet, on_delete=models.CASCADE, related_name="items"
    )
    item_kind = models.CharField(_("kind"), max_length=16)  # "vacancy" or "training"
    item_id = models.CharField(_("item"), max_length=64)
    rank = models.PositiveSmallIntegerField(_("rank shown"))
    score = models.FloatField(_("score shown"))
    label = models.CharField(_("label shown"), max_length=300)

    class Meta:
        verbose_name = _("suggestion shown")
        verbose_name_plural = _("suggestions shown")
        ordering = ["suggestion_set", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion_set", "item_kind", "item_id"], name="counselling_shown_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_kind} {self.item_id} #{self.rank}"


class SuggestionDecision(models.Model):
    """A counsellor's verdict on one suggested vacancy or training, with the reason."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # What was shown; item, rank and score are copied from it, never taken from the browser.
    shown = models.ForeignKey(
        ShownSuggestion,
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name=_("suggestion shown"),
    )
    item_kind = models.CharField(_("kind"), max_length=16)  # "vacancy" or "training"
    item_id = models.CharField(_("item"), max_length=64)
    rank = models.PositiveSmallIntegerField(_("rank shown"))
    score = models.FloatField(_("score shown"))
    index_version = models.CharField(_("matching index version"), max_length=80, blank=True)
    verdict = models.CharField(_("decision"), max_length=16, choices=Verdict.choices)
    reason = models.TextField(_("reason"))
    adaptation = models.TextField(_("what was adapted"), blank=True)
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
    # The item itself: a suggestion shown to the job seeker, an assessment, or a data field.
    shown = models.ForeignKey(
        ShownSuggestion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessment = models.ForeignKey(
        SupportAssessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data_field = models.CharField(_("data field"), max_length=64, blank=True)
    item_label = models.CharField(_("item"), max_length=300, blank=True)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    due_on = models.DateField(_("answer due by"), null=True, blank=True)
    escalation_message = models.TextField(_("why the answer is not enough"), blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # Kept from the first version of the model; answers now live in ReviewAnswer.
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id}: {self.topic} ({self.status})"

    @property
    def can_escalate(self) -> bool:
        return self.status == ReviewStatus.ANSWERED and self.escalated_at is None


class ReviewAnswer(models.Model):
    """A person's answer to a review request: the counsellor's, then possibly the team lead's.

    Following CJEU C-203/22 (Dun & Bradstreet Austria), the answer states the principles
    actually applied and what would have changed the result, in plain language.
    """

    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="answers")
    level = models.CharField(_("answered as"), max_length=16, choices=ReviewLevel.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ReviewOutcome.choices)
    explanation = models.TextField(_("what was considered"))
    would_change = models.TextField(_("what would have changed the result"))
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review answer")
        verbose_name_plural = _("review answers")
        ordering = ["answered_at"]

    def __str__(self) -> str:
        return f"{self.review_id} {self.level}: {self.outcome}"


class VacancyAction(models.Model):
    """A job seeker's response to a vacancy they were shown, and later its outcome."""

    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="vacancy_actions"
    )
    shown = models.ForeignKey(ShownSuggestion, on_delete=models.PROTECT, related_name="+")
    vacancy_id = models.CharField(_("vacancy"), max_length=64, db_index=True)
    response = models.CharField(_("response"), max_length=16, choices=VacancyResponse.choices)
    reason = models.TextField(_("reason"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response to a vacancy")
        verbose_name_plural = _("responses to vacancies")
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.jobseeker_id} {self.vacancy_id}: {self.response}"
