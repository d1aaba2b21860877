from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """What the counsellor did with a suggestion."""

    ACCEPTED = "accepted", _("Accepted")
    ADAPTED = "adapted", _("Adapted")
    REJECTED = "rejected", _("Rejected")


class NeedBand(models.TextChoices):
    LOW = "low", _("Low need for support")
    MEDIUM = "medium", _("Medium need for support")
    HIGH = "high", _("High need for support")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a counsellor")
    ANSWERED = "answered", _("Answered")


class ReviewTopic(models.TextChoices):
    ASSESSMENT = "assessment", _("My support-needs assessment")
    SUGGESTION = "suggestion", _("A suggested vacancy or training")
    DATA = "data", _("My data")
