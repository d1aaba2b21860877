"""The exchange: on a hub, its members and the versions of what each shared; on a member,
its own cases and what it sent.

A withdrawn version keeps its receipt (who, when, which digest) but loses its content.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openpes.web.exchange.enums import Theme, Via
from openpes.web.integrations.models import IntegrationAccount


class Member(models.Model):
    """A PES registered on this hub: its public key, profile and API account."""

    slug = models.SlugField(_("member id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country (ISO code)"), max_length=3)
    region = models.CharField(_("region"), max_length=100, blank=True)
    size_band = models.CharField(_("size band"), max_length=16, blank=True)
    public_key = models.CharField(_("public key"), max_length=100)
    account = models.OneToOneField(
        IntegrationAccount,
        verbose_name=_("API account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchange_member",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange member")
        verbose_name_plural = _("exchange members")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BundleVersion(models.Model):
    """One bundle a member shared; the newest one not withdrawn is what the hub shows."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    digest = models.CharField(_("SHA-256"), max_length=64)
    created = models.CharField(_("created by the member at"), max_length=40)
    parts = models.JSONField(_("parts shared"), default=list)
    content = models.JSONField(_("bundle"), default=dict)
    via = models.CharField(_("received through"), max_length=8, choices=Via.choices)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared bundle")
        verbose_name_plural = _("shared bundles")
        ordering = ["member", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="exchange_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member.slug} v{self.number}"


class OwnCase(models.Model):
    """A case this PES wrote to share: problem, approach, result and lessons."""

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"))
    approach = models.TextField(_("the approach taken"))
    result = models.TextField(_("the result"))
    lessons = models.TextField(_("the lessons"))
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    language = models.CharField(_("language of the case"), max_length=3)
    country = models.CharField(_("country (ISO code)"), max_length=3)
    summary_en = models.TextField(_("summary in English (optional)"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Sending(models.Model):
    """What this PES sent to a hub, and the hub's answer."""

    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    hub_url = models.CharField(_("hub"), max_length=300)
    digest = models.CharField(_("SHA-256"), max_length=64)
    parts = models.JSONField(_("parts shared"), default=list)
    accepted = models.BooleanField(_("accepted"))
    answer = models.TextField(_("the hub's answer"), blank=True)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.sent_at:%Y-%m-%d} {self.digest[:12]}"
