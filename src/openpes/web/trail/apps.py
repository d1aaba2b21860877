from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrailConfig(AppConfig):
    name = "openpes.web.trail"
    label = "trail"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Connects the authentication signals to the event service.
        from openpes.web.trail import checks, receivers  # noqa: F401
