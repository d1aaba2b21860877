from django.db import models
from django.utils.translation import gettext_lazy as _


class Hours(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    ANY = "any", _("Full or part time")


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    ANY = "any", _("Permanent or temporary")


class SkillSource(models.TextChoices):
    REGISTRATION = "registration", _("From registration")
    COUNSELLOR = "counsellor", _("Added by counsellor")
    SELF = "self", _("Added by the job seeker")


class RegistrationLength(models.TextChoices):
    """Filters for how long someone has been registered."""

    UNDER_6M = "lt6", _("Less than 6 months")
    FROM_6_TO_12M = "6to12", _("6 to 12 months")
    OVER_12M = "gt12", _("More than 12 months (long-term)")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Origin(models.TextChoices):
    NATIONAL = "national", _("National")
    EU = "eu", _("Other EU")
    NON_EU = "non_eu", _("Non-EU")
