from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.enums import Contract, Hours, Origin, Sex, SkillSource


class JobSeeker(models.Model):
    """A registered job seeker. Protected attributes live apart, in ProtectedAttributes."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobseeker",
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counsellor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
    )
    isced = models.PositiveSmallIntegerField(_("education (ISCED level)"))
    region = models.CharField(_("region"), max_length=100, db_index=True)
    lat = models.FloatField(_("home latitude"))
    lon = models.FloatField(_("home longitude"))
    registered_on = models.DateField(_("registered on"), db_index=True)
    # None when the back office did not send it: the model then knows it is unknown, where a
    # 0.0 would read as a region without unemployment.
    region_unemployment_rate = models.FloatField(
        _("regional unemployment rate"), null=True, blank=True, default=None
    )
    previous_spells = models.PositiveSmallIntegerField(_("earlier unemployment spells"), default=0)
    previous_unemployment_days = models.PositiveIntegerField(
        _("earlier days unemployed"), default=0
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    care_duties = models.BooleanField(_("care duties"), default=False)
    health_limitation = models.BooleanField(_("health limitation"), default=False)
    preferred_occupations = models.JSONField(_("preferred occupations"), default=list, blank=True)
    max_distance_km = models.FloatField(_("maximum distance (km)"), default=30)
    preferred_hours = models.CharField(
        _("hours"), max_length=16, choices=Hours.choices, default=Hours.ANY
    )
    preferred_contract = models.CharField(
        _("contract"), max_length=16, choices=Contract.choices, default=Contract.ANY
    )

    class Meta:
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.reference})"


class JobSeekerSkill(models.Model):
    # No index of its own: the unique (job seeker, skill) index below serves lookups by job
    # seeker, and a second index only slows the imports that write skills in bulk.
    jobseeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="skills", db_index=False
    )
    skill_uri = models.CharField(_("ESCO skill"), max_length=200)
    source = models.CharField(_("source"), max_length=16, choices=SkillSource.choices)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["jobseeker", "skill_uri"], name="caseload_skill_once")
        ]

    def __str__(self) -> str:
        return self.skill_uri


class WorkExperience(models.Model):
    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="experience")
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, db_index=True)
    years = models.FloatField(_("years"))

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-years"]

    def __str__(self) -> str:
        return f"{self.occupation_uri} ({self.years} y)"


class ProtectedAttributes(models.Model):
    """Sex, age, origin and disability: for fairness monitoring only, never shown to counsellors."""

    jobseeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="protected")
    sex = models.CharField(max_length=8, choices=Sex.choices)
    age = models.PositiveSmallIntegerField()
    origin = models.CharField(max_length=8, choices=Origin.choices)
    disability = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("protected attributes")
        verbose_name_plural = _("protected attributes")

    def __str__(self) -> str:
        # Deliberately shows no attribute values.
        return f"protected attributes of {self.jobseeker_id}"
