from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "openpes.web.integrations"
    label = "integrations"
    verbose_name = _("API integrations")
