from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The five roles; each is a Django group of the same name."""

    JOBSEEKER = "jobseeker", _("Job seeker")
    COUNSELLOR = "counsellor", _("Counsellor")
    TEAM_LEAD = "team_lead", _("Team lead")
    OVERSIGHT = "oversight", _("Oversight officer")
    ADMIN = "admin", _("Administrator")


# Someone holding several roles lands on the page of the most privileged one.
ROLE_PRIORITY = (Role.ADMIN, Role.OVERSIGHT, Role.TEAM_LEAD, Role.COUNSELLOR, Role.JOBSEEKER)
