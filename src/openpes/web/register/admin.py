"""The register in the administration: records are versioned through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from openpes.web.register.models import (
    CourseCompletion,
    ErrorReport,
    Fria,
    FriaRisk,
    Publication,
    RecordVersion,
    RegisterRecord,
)
from openpes.web.register.services import record_create, record_update


@admin.register(RegisterRecord)
class RegisterRecordAdmin(admin.ModelAdmin):
    """Add a system by hand (a chatbot, a vendor's tool) or refine a record.

    Saving goes through ``record_create`` / ``record_update``, so every change is a new
    version in the trail. Live facts are not fields: they come from the running system.
    """

    list_display = ["system", "kind", "status", "version", "updated_at"]
    readonly_fields = ["version", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = {k: form.cleaned_data[k] for k in form.changed_data}
        if change:
            fresh = RegisterRecord.objects.get(pk=obj.pk)
            updated = record_update(record=fresh, actor=request.user, changes=data)
            obj.pk, obj.version = updated.pk, updated.version
        else:
            fields = {
                f.name: getattr(obj, f.name)
                for f in RegisterRecord._meta.concrete_fields
                if f.name not in ("id", "system", "kind", "version", "updated_at")
            }
            created = record_create(actor=request.user, system=obj.system, kind=obj.kind, **fields)
            obj.pk = created.pk


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is written by the services, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RecordVersion)
class RecordVersionAdmin(ReadOnlyAdmin):
    list_display = ["record", "number", "changed_by", "changed_at"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["record", "version", "published_at", "retracted_at"]


@admin.register(ErrorReport)
class ErrorReportAdmin(ReadOnlyAdmin):
    list_display = ["record", "status", "created_at", "answered_at"]


class FriaRiskInline(admin.TabularInline):
    model = FriaRisk
    extra = 0


@admin.register(Fria)
class FriaAdmin(admin.ModelAdmin):
    inlines = [FriaRiskInline]
    list_display = ["record", "model_version", "updated_at"]


@admin.register(CourseCompletion)
class CourseCompletionAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "record", "completed_at"]
