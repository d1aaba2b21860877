from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """A coarse size, the only profile besides the region that peers ever see."""

    SMALL = "small", _("Small (fewer than 1,000 staff)")
    MEDIUM = "medium", _("Medium (1,000 to 10,000 staff)")
    LARGE = "large", _("Large (more than 10,000 staff)")


class TrailAction(models.TextChoices):
    """Audit-trail actions of this app (the trail stores them as plain strings)."""

    STARTED = "readiness.started", _("Started a readiness assessment")
    INVITED = "readiness.invited", _("Invited a respondent to a readiness assessment")
    SAVED = "readiness.saved", _("Saved readiness answers")
    SUBMITTED = "readiness.submitted", _("Submitted readiness answers")
    SHARED = "readiness.shared", _("Shared anonymous readiness scores")
