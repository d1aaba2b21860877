from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemKind(models.TextChoices):
    """Where a record's live facts come from: one of the running systems, or nowhere."""

    MATCHING = "matching", _("Matching engine (OpenPES)")
    SUPPORT_NEEDS = "support_needs", _("Support-needs model (OpenPES)")
    OTHER = "other", _("Other system (added by hand)")


class RecordStatus(models.TextChoices):
    IN_DEVELOPMENT = "in_development", _("In development")
    IN_USE = "in_use", _("In use")
    OUT_OF_USE = "out_of_use", _("Out of use")


class PublicationCategory(models.TextChoices):
    HIGH_RISK_AI = "high_risk_ai", _("High-risk AI system")
    IMPACTFUL = "impactful", _("Impactful algorithm")
    OTHER = "other", _("Other algorithm")


class ErrorReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class CourseKind(models.TextChoices):
    SYSTEM = "system", _("Course on one AI system")
    OVERSIGHT = "oversight", _("Oversight course")


class LiteracyMode(models.TextChoices):
    """What happens when a counsellor who has not done the course opens a system's output."""

    WARN = "warn", _("Warn")
    BLOCK = "block", _("Block")


class RegisterAction(models.TextChoices):
    """The register's events in the audit trail."""

    RECORD_CREATED = "register.record_created", _("Registered an AI system")
    RECORD_CHANGED = "register.record_changed", _("Changed a register record")
    PUBLISHED = "register.published", _("Published a register record")
    RETRACTED = "register.retracted", _("Retracted a register record")
    EXPORTED = "register.exported", _("Exported a register record")
    ERROR_REPORTED = "register.error_reported", _("Reported an error in a register record")
    ERROR_ANSWERED = "register.error_answered", _("Answered an error report")
    FRIA_CHANGED = "register.fria_changed", _("Changed a fundamental rights impact assessment")
    FRIA_FLAGGED = "register.fria_flagged", _("Flagged an impact assessment for update")
    COURSE_COMPLETED = "register.course_completed", _("Completed an AI literacy course")
