from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token may do. Reads and writes are separate scopes; protected data has its own."""

    JOBSEEKERS_READ = "jobseekers:read", _("Read job seekers")
    JOBSEEKERS_WRITE = "jobseekers:write", _("Create and update job seekers")
    PROTECTED_WRITE = "protected:write", _("Write protected attributes (never readable)")
    VACANCIES_READ = "vacancies:read", _("Read vacancies")
    VACANCIES_WRITE = "vacancies:write", _("Create and update vacancies")
    TRAININGS_READ = "trainings:read", _("Read trainings")
    TRAININGS_WRITE = "trainings:write", _("Create and update trainings")
    OUTCOMES_READ = "outcomes:read", _("Read employment outcomes")
    OUTCOMES_WRITE = "outcomes:write", _("Record employment outcomes")
    DECISIONS_READ = "decisions:read", _("Read decisions, assessments and review requests")
    SYSTEMS_READ = "systems:read", _("Read the AI systems' status")
    EXCHANGE_WRITE = "exchange:write", _("Share bundles with this exchange hub")
