from django.db import models
from django.utils.translation import gettext_lazy as _


class SystemKey(models.TextChoices):
    """The AI systems OpenPES ships; a deployment can add rows for a third in AISystem."""

    MATCHING = "matching", _("Matching engine (vacancy and training suggestions)")
    SUPPORT_NEEDS = "support_needs", _("Support-needs model")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class OversightAction(models.TextChoices):
    """Trail actions of this app (the trail stores actions as plain strings)."""

    SYSTEM_PAUSED = "oversight.system_paused", _("Paused an AI system")
    SYSTEM_AUTO_PAUSED = "oversight.system_auto_paused", _("An AI system was paused by a rule")
    PAUSE_CONFIRMED = "oversight.pause_confirmed", _("Confirmed an automatic pause")
    SYSTEM_RESUMED = "oversight.system_resumed", _("Resumed an AI system")
    MONITORS_RUN = "oversight.monitors_run", _("Ran the oversight monitors")
    ALERT_RAISED = "oversight.alert_raised", _("An oversight alert was raised")
    ALERT_ACKNOWLEDGED = "oversight.alert_acknowledged", _("Acknowledged an alert")
    ALERT_RESOLVED = "oversight.alert_resolved", _("Resolved an alert")
    TRAIL_VERIFIED = "oversight.trail_verified", _("Verified the audit trail")
    TRAIL_EXPORTED = "oversight.trail_exported", _("Exported the audit trail")
    NOTICE_EXPORTED = "oversight.notice_exported", _("Exported a notice for the provider")
