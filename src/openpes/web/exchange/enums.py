from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """The workshop's three themes; a case belongs to one."""

    COUNSELLING = "counselling", _("Counselling")
    FAIRNESS = "fairness", _("Fairness")
    READINESS = "readiness", _("Readiness")


class Via(models.TextChoices):
    """How a bundle reached the hub."""

    API = "api", _("Uploaded through the API")
    FILE = "file", _("Imported from a file")
    DEMO = "demo", _("Demo data")


class TrailAction(models.TextChoices):
    """Audit-trail actions of the exchange (the trail stores them as plain strings)."""

    MEMBER_ADDED = "exchange.member_added", _("Registered an exchange member")
    RECEIVED = "exchange.bundle_received", _("Received a shared bundle")
    REFUSED = "exchange.bundle_refused", _("Refused a shared bundle")
    WITHDRAWN = "exchange.bundle_withdrawn", _("Withdrew what a member shared")
    SENT = "exchange.bundle_sent", _("Shared a bundle with the hub")
