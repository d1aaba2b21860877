from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassificationsConfig(AppConfig):
    name = "openpes.web.classifications"
    label = "classifications"
    verbose_name = _("National classifications")
