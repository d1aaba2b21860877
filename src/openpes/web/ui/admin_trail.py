"""Every add, change and delete made through the Django admin goes into the audit trail.

The admin already calls ``log_addition``, ``log_change`` and ``log_deletions`` for each of
its writes (bulk deletes included); the mixin records them in the hash-chained trail too.
Only field *names* are recorded, never values: an administrator's change to a person's
data must be traceable without copying that data into the trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from openpes.web.accounts.receivers import account_creation_trailed
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record

__all__ = ["TrailedAdminMixin", "changed_field_names"]


def _subject(obj: Model) -> str:
    # The object's label, not its str(): a person's name must not land in the trail.
    return f"{obj._meta.label_lower}:{obj.pk}"


def changed_field_names(message: Any) -> list[str]:
    """The field names in an admin change message (a list of ``{"changed": ...}`` dicts)."""
    names: list[str] = []
    for entry in message if isinstance(message, list) else []:
        for kind in ("changed", "added", "deleted"):
            part = entry.get(kind) if isinstance(entry, dict) else None
            if isinstance(part, dict):
                names += [str(f) for f in part.get("fields", [])]
                if "object" in part:
                    names.append(f"{part.get('name', '')}".strip())
    return sorted({n for n in names if n})


class TrailedAdminMixin:
    """Mixed into every ModelAdmin by :class:`~openpes.web.ui.admin_site.OpenPESAdminSite`."""

    # An account added here (or in an inline) is recorded by log_addition, naming the
    # administrator: not a second time as account.created.
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        with account_creation_trailed():
            super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with account_creation_trailed():
            super().save_formset(request, form, formset, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        event_record(
            actor=request.user,
            action=Action.ADMIN_ADDED,
            subject=_subject(obj),
            details={"model": obj._meta.label_lower, "fields": changed_field_names(message)},
        )
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        event_record(
            actor=request.user,
            action=Action.ADMIN_CHANGED,
            subject=_subject(obj),
            details={"model": obj._meta.label_lower, "fields": changed_field_names(message)},
        )
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            event_record(
                actor=request.user,
                action=Action.ADMIN_DELETED,
                subject=_subject(obj),
                details={"model": obj._meta.label_lower},
            )
        return super().log_deletions(request, queryset)  # type: ignore[misc]


def trailed(admin_class: type[admin.ModelAdmin] | None) -> type[admin.ModelAdmin]:
    """``admin_class`` (or the plain ModelAdmin) with the trail mixed in."""
    base = admin_class or admin.ModelAdmin
    if issubclass(base, TrailedAdminMixin):
        return base
    return type(f"Trailed{base.__name__}", (TrailedAdminMixin, base), {})
