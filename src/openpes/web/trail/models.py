from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit trail is append-only: events cannot be updated.")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AppendOnlyError("The audit trail is append-only: events cannot be deleted.")


class AuditEvent(models.Model):
    """One recorded event. Only ``trail.services.event_record`` creates them."""

    position = models.PositiveBigIntegerField(_("position"), unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.CharField(_("actor"), max_length=150)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["position"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.position} {self.action} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An integrity guard, not business logic: a stored event never changes.
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only: events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit trail is append-only: events cannot be deleted.")
