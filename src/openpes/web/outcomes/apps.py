from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "openpes.web.outcomes"
    label = "outcomes"
    verbose_name = _("Employment outcomes")
