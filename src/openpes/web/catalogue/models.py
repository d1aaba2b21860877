"""Vacancies and trainings, each keyed by (source, reference): the feed's own identifier.

A withdrawn vacancy or training (``withdrawn_at`` set) stays in the table but leaves the
catalogue's digest and the match index.

Skill and language lists are JSON lists of ESCO URIs / ISO 639-1 codes: they are always read
and written whole (the match index reads the catalogue as one frame), never queried per item.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.enums import Contract, Hours


class Vacancy(models.Model):
    source = models.CharField(_("source"), max_length=64)
    reference = models.CharField(_("reference"), max_length=128)
    title = models.CharField(_("title"), max_length=200, blank=True)
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200)
    isco_group = models.CharField(_("ISCO-08 group"), max_length=8, blank=True)
    essential_skills = models.JSONField(_("essential skills"), default=list)
    optional_skills = models.JSONField(_("optional skills"), default=list, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    hours = models.CharField(_("hours"), max_length=16, choices=Hours.choices)
    contract = models.CharField(_("contract"), max_length=16, choices=Contract.choices)
    salary_eur = models.FloatField(_("monthly salary (EUR)"), null=True, blank=True)
    required_languages = models.JSONField(_("languages"), default=list, blank=True)
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    posted_on = models.DateField(_("posted on"))
    closes_on = models.DateField(_("closes on"))
    # SHA-256 of the canonical content: an upsert with the same content changes nothing.
    content_hash = models.CharField(_("content fingerprint (SHA-256)"), max_length=64)
    # Filled or cancelled before it closes: kept (decisions and the trail name it), never
    # suggested again; a later upsert of the same reference re-opens it.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["source", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="catalogue_vacancy_ref")
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.reference}"


class Training(models.Model):
    source = models.CharField(_("source"), max_length=64)
    reference = models.CharField(_("reference"), max_length=128)
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    skills_taught = models.JSONField(_("skills taught"), default=list)
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))
    mode = models.CharField(_("mode"), max_length=32, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    start_dates = models.JSONField(_("start dates"), default=list)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    content_hash = models.CharField(_("content fingerprint (SHA-256)"), max_length=64)
    # Filled or cancelled before it closes: kept (decisions and the trail name it), never
    # suggested again; a later upsert of the same reference re-opens it.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["source", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="catalogue_training_ref")
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.reference}"


class CatalogueState(models.Model):
    """One row: the digest of the whole catalogue, which names the match-index snapshot.

    A digest of the content rather than a counter: two databases (or a test database
    reloaded with the same rows) holding the same catalogue share one snapshot.
    """

    version = models.CharField(max_length=64)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        default_permissions = ("view",)

    def __str__(self) -> str:
        return self.version[:12]


class TextSkills(models.Model):
    """The skills once found in a vacancy's description, keyed by a digest of the text.

    Extraction costs about 30 ms of CPU per sentence, and a feed resends the same
    descriptions every day: a description seen before (under the same taxonomy and
    retrieval, which are in the digest) reuses what was found. The text itself is not kept.
    """

    digest = models.CharField(max_length=64, unique=True)
    essential_skills = models.JSONField(default=list)
    optional_skills = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.digest[:12]
