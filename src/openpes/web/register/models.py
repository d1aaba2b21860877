"""The register of AI systems: one record per system, its versions, publications, reports.

Free text is stored per language (``{"en": "...", "nl": "..."}``) because each register
publishes in its own language. Live facts (model version, audits, monitors, overrides)
are never stored here: ``selectors.live_facts`` reads them from the running system, and a
publication freezes them with the record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.register.enums import (
    CourseKind,
    ErrorReportStatus,
    PublicationCategory,
    RecordStatus,
    SystemKind,
)


def _texts(label: str) -> models.JSONField:
    return models.JSONField(label, default=dict, blank=True)


class RegisterRecord(models.Model):
    """What one AI system is for, who answers for it, and its safeguards."""

    system = models.SlugField(_("system"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=SystemKind.choices)
    name = models.JSONField(_("name (per language)"), default=dict)
    purpose = models.JSONField(_("purpose (per language)"), default=dict)
    forbidden_uses = models.JSONField(_("what it is never used for (per language)"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.IN_USE
    )
    begin_date = models.CharField(_("in use since (YYYY-MM)"), max_length=7, blank=True)
    end_date = models.CharField(_("out of use since (YYYY-MM)"), max_length=7, blank=True)
    organisation = models.CharField(_("organisation"), max_length=100)
    organisation_address = models.CharField(_("organisation's address"), max_length=200, blank=True)
    owner_team = models.CharField(_("owner team"), max_length=100, blank=True)
    senior_responsible_owner = models.CharField(
        _("senior responsible owner"), max_length=100, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"))
    website = models.URLField(_("public page"), blank=True)
    supplier = models.CharField(_("supplier (empty: built in-house)"), max_length=200, blank=True)
    supplier_role = _texts(_("supplier's role (per language)"))
    publication_category = models.CharField(
        _("publication category"),
        max_length=16,
        choices=PublicationCategory.choices,
        default=PublicationCategory.HIGH_RISK_AI,
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    lawful_basis = _texts(_("lawful basis (per language)"))
    lawful_basis_links = models.JSONField(_("lawful basis links"), default=list, blank=True)
    data_description = _texts(_("data description (per language)"))
    data_categories = models.JSONField(_("data used"), default=list, blank=True)
    oversight = _texts(_("human oversight (per language)"))
    risks = models.JSONField(_("risks and mitigations"), default=list, blank=True)
    proportionality = _texts(_("proportionality (per language)"))
    methods = _texts(_("methods and models (per language)"))
    dpia_url = models.URLField(_("DPIA link"), blank=True)
    dpia_summary = _texts(_("DPIA summary (per language)"))
    fria_url = models.URLField(_("FRIA link"), blank=True)
    eu_database_url = models.URLField(_("EU database entry"), blank=True)
    declaration_of_conformity_url = models.URLField(_("declaration of conformity"), blank=True)
    source_code_url = models.URLField(_("source code"), blank=True)
    submitter_name = models.CharField(_("person submitting"), max_length=100, blank=True)
    submitter_contact = models.CharField(_("submitter's contact"), max_length=200, blank=True)
    tags = models.JSONField(_("search terms"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("register record")
        verbose_name_plural = _("register records")
        ordering = ["system"]

    def __str__(self) -> str:
        return self.system


class RecordVersion(models.Model):
    """A copy of a record as it was after each change (the record's history)."""

    record = models.ForeignKey(
        RegisterRecord, on_delete=models.CASCADE, related_name="versions", verbose_name=_("record")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("record"))
    changed_fields = models.JSONField(_("changed fields"), default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")
        ordering = ["record", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="register_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.number}"


class Publication(models.Model):
    """A frozen, dated copy of a record with its live facts, as the public page shows it."""

    record = models.ForeignKey(
        RegisterRecord,
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=_("record"),
    )
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("record with live facts"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    retracted_at = models.DateTimeField(_("retracted at"), null=True, blank=True)
    retraction_reason = models.TextField(_("reason for the retraction"), blank=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.record_id} v{self.version} {self.published_at:%Y-%m-%d}"


class ErrorReport(models.Model):
    """Someone reports an error in a published record; an administrator answers."""

    record = models.ForeignKey(
        RegisterRecord,
        on_delete=models.CASCADE,
        related_name="error_reports",
        verbose_name=_("record"),
    )
    message = models.TextField(_("what is wrong"))
    contact = models.CharField(_("how to reach you (optional)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ErrorReportStatus.choices,
        default=ErrorReportStatus.OPEN,
    )
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.status}"


class Fria(models.Model):
    """A fundamental-rights impact assessment (Art. 27) of one system."""

    record = models.OneToOneField(
        RegisterRecord, on_delete=models.CASCADE, related_name="fria", verbose_name=_("record")
    )
    elements = models.JSONField(_("elements (a)-(f), per language"), default=dict, blank=True)
    model_version = models.CharField(_("model version assessed"), max_length=80, blank=True)
    groups_assessed = models.JSONField(_("groups assessed"), default=list, blank=True)
    flagged = models.JSONField(_("reasons to update"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("fundamental rights impact assessment")
        verbose_name_plural = _("fundamental rights impact assessments")

    def __str__(self) -> str:
        return f"FRIA {self.record_id}"


class FriaRisk(models.Model):
    """A risk of harm to a group, scored severity x likelihood, with what watches it."""

    fria = models.ForeignKey(
        Fria, on_delete=models.CASCADE, related_name="risks", verbose_name=_("impact assessment")
    )
    group = models.JSONField(_("group (per language)"), default=dict)
    harm = models.JSONField(_("harm (per language)"), default=dict)
    severity = models.PositiveSmallIntegerField(_("severity (1-4)"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-4)"))
    mitigation = models.JSONField(_("mitigation (per language)"), default=dict, blank=True)
    monitor = models.CharField(_("monitor that watches it"), max_length=64, blank=True)
    complaint_route = models.CharField(_("complaint route"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("FRIA risk")
        verbose_name_plural = _("FRIA risks")
        ordering = ["fria", "id"]

    def __str__(self) -> str:
        return f"{self.fria_id}: {self.severity}x{self.likelihood}"


class CourseCompletion(models.Model):
    """A staff member passed a course (AI literacy, Art. 4) on one version of a record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_completions",
        verbose_name=_("staff member"),
    )
    kind = models.CharField(_("course"), max_length=16, choices=CourseKind.choices)
    record = models.ForeignKey(
        RegisterRecord,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("record"),
    )
    record_version = models.PositiveIntegerField(_("record version"), default=0)
    score = models.FloatField(_("share of correct answers"))
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ["-completed_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.record_id}"
