from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "openpes.web.register"
    label = "register"
    verbose_name = _("AI register")
