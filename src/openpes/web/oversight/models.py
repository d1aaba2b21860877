from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.accounts.models import Team
from openpes.web.caseload.models import JobSeeker
from openpes.web.oversight.enums import AlertStatus, SystemKey


class AISystem(models.Model):
    """An AI system under oversight. A table, so that a deployment can register a third."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, default="OpenPES")

    class Meta:
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    @property
    def label(self) -> str:
        return system_label(self.key, self.name)


def system_label(key: str, name: str) -> str:
    """A system's name on pages and in mail: the shipped systems have translated names; a
    registered third keeps its own ``name``."""
    return str(SystemKey(key).label) if key in SystemKey.values else name


class SystemPause(models.Model):
    """One pause of a system, for the whole service (team empty) or one team.

    A pause is in force while ``resumed_at`` is empty. Resuming fills it in one update, so a
    resume that fails to save leaves the pause in force: the switch fails safe.
    """

    system = models.ForeignKey(AISystem, on_delete=models.PROTECT, related_name="pauses")
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, null=True, blank=True
    )
    paused_at = models.DateTimeField(_("paused at"), db_index=True)
    paused_by = models.CharField(_("paused by"), max_length=150)
    reason = models.TextField(_("reason"))
    automatic = models.BooleanField(_("paused by a rule"), default=False)
    alert = models.ForeignKey(
        "Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.CharField(_("confirmed by"), max_length=150, blank=True)
    resumed_at = models.DateTimeField(_("resumed at"), null=True, blank=True, db_index=True)
    resumed_by = models.CharField(_("resumed by"), max_length=150, blank=True)
    resume_reason = models.TextField(_("reason for resuming"), blank=True)

    class Meta:
        verbose_name = _("pause of an AI system")
        verbose_name_plural = _("pauses of AI systems")
        ordering = ["-paused_at"]

    def __str__(self) -> str:
        return f"{self.system_id} paused {self.paused_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.resumed_at is None


class MonitorRun(models.Model):
    """One run of every monitor over a period, compared with a reference window."""

    ran_at = models.DateTimeField(_("ran at"), db_index=True)
    ran_by = models.CharField(_("ran by"), max_length=150)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    reference_start = models.DateTimeField(_("reference start"))
    reference_end = models.DateTimeField(_("reference end"))
    result = models.JSONField(_("result"), default=dict)
    new_alerts = models.PositiveIntegerField(_("new alerts"), default=0)

    class Meta:
        verbose_name = _("monitor run")
        verbose_name_plural = _("monitor runs")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"run {self.pk} at {self.ran_at:%Y-%m-%d %H:%M}"


class MonitorRecord(models.Model):
    """One monitor's result in a run, with its report rendered in every language."""

    run = models.ForeignKey(MonitorRun, on_delete=models.CASCADE, related_name="records")
    system_key = models.CharField(_("system"), max_length=40, db_index=True)
    monitor = models.CharField(_("monitor"), max_length=60)
    # Empty for the whole service; a team's name for the human-decision monitor of one team,
    # computed with small groups suppressed for its team lead's page.
    team = models.CharField(_("team"), max_length=100, blank=True, default="")
    verdict = models.CharField(_("verdict"), max_length=16)
    data = models.JSONField(_("data"), default=dict)
    # The core's result as plain data (openpes.oversight.result_to_data): the report is built
    # from it in a language when first read, never by recomputing the monitor.
    result = models.JSONField(_("result"), default=dict)
    # {language: document}: each language's report, stored the first time it is read.
    documents = models.JSONField(_("documents"), default=dict)

    class Meta:
        verbose_name = _("monitor result")
        verbose_name_plural = _("monitor results")
        ordering = ["system_key", "monitor"]

    def __str__(self) -> str:
        return f"{self.system_key}/{self.monitor}: {self.verdict}"


class Alert(models.Model):
    """A rule of the policy that a monitor broke, and how an officer handled it."""

    run = models.ForeignKey(MonitorRun, on_delete=models.PROTECT, related_name="alerts")
    system_key = models.CharField(_("system"), max_length=40, db_index=True)
    monitor = models.CharField(_("monitor"), max_length=60)
    attribute = models.CharField(_("attribute"), max_length=100)
    group = models.CharField(_("group"), max_length=200)
    metric = models.CharField(_("metric"), max_length=100)
    value = models.FloatField(_("value"), null=True)
    low = models.FloatField(_("interval low"), null=True)
    high = models.FloatField(_("interval high"), null=True)
    reference_value = models.FloatField(_("reference value"), null=True)
    verdict = models.CharField(_("verdict"), max_length=16)
    rule = models.CharField(_("rule"), max_length=300)
    severity = models.CharField(_("severity"), max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    last_seen_at = models.DateTimeField(_("last seen at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.CharField(_("acknowledged by"), max_length=150, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.CharField(_("resolved by"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.system_key}/{self.monitor} {self.attribute}={self.group}: {self.verdict}"

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.system_key, self.monitor, self.attribute, self.group, self.metric)


class TrailVerification(models.Model):
    """A stored result of verifying the whole trail, so no page has to recompute it."""

    verified_at = models.DateTimeField(_("verified at"), db_index=True)
    verified_by = models.CharField(_("verified by"), max_length=150)
    intact = models.BooleanField(_("intact"))
    checked = models.PositiveBigIntegerField(_("events checked"))
    first_bad = models.PositiveBigIntegerField(_("first bad event"), null=True, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    head_hash = models.CharField(_("head hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("trail verification")
        verbose_name_plural = _("trail verifications")
        ordering = ["-verified_at"]

    def __str__(self) -> str:
        return f"{self.verified_at:%Y-%m-%d %H:%M}: {'intact' if self.intact else 'broken'}"


class SuggestionShown(models.Model):
    """A vacancy the matching engine showed to someone: its output log (Art. 12)."""

    jobseeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="+")
    shown_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page = models.CharField(_("page"), max_length=16)
    vacancy_id = models.CharField(_("vacancy"), max_length=64)
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    salary_eur = models.FloatField(_("salary"), null=True)
    distance_km = models.FloatField(_("distance (km)"), null=True)
    shown_at = models.DateTimeField(_("shown at"), db_index=True)

    class Meta:
        verbose_name = _("suggestion shown")
        verbose_name_plural = _("suggestions shown")

    def __str__(self) -> str:
        return f"{self.vacancy_id} to {self.jobseeker_id}"


class RecordedOutcome(models.Model):
    """Whether a person was in work within 12 months; filled by the demo until outcome
    records arrive through data exchange."""

    jobseeker = models.OneToOneField(JobSeeker, on_delete=models.CASCADE, related_name="+")
    employed_within_12m = models.BooleanField(_("employed within 12 months"), null=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("recorded outcome")
        verbose_name_plural = _("recorded outcomes")

    def __str__(self) -> str:
        return f"outcome of {self.jobseeker_id}"
