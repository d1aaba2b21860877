"""Integration accounts (a back office, a vacancy feed) and their scoped API tokens.

A token is shown once, when it is created; the database keeps only its SHA-256. Tokens are
32 random bytes, so a fast hash is enough: there is nothing to brute-force.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IntegrationAccount(models.Model):
    name = models.SlugField(_("name"), max_length=64, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("integration account")
        verbose_name_plural = _("integration accounts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def actor(self) -> str:
        """How the audit trail names this account."""
        return f"integration:{self.name}"


class ApiToken(models.Model):
    account = models.ForeignKey(
        IntegrationAccount,
        verbose_name=_("integration account"),
        on_delete=models.PROTECT,
        related_name="tokens",
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    # The first characters, kept in clear so that people can tell their tokens apart.
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True)
    digest = models.CharField(_("token fingerprint (SHA-256)"), max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.account.name} {self.prefix}…"

    @property
    def active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class ThrottleWindow(models.Model):
    """A token's requests in its current throttle window, shared by every worker process.

    Counted by one ``UPDATE`` per request (see ``services.throttle_count``), so two workers
    at the same instant can never both spend the last request of a budget.
    """

    token = models.OneToOneField(ApiToken, on_delete=models.CASCADE, related_name="+")
    started = models.FloatField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.token_id}: {self.count}"
