from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "openpes.web.oversight"
    label = "oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from openpes.web.oversight import receivers

        # Like the role groups: the shipped AI systems exist after every migrate (and flush).
        post_migrate.connect(receivers.ensure_shipped_systems, sender=self)
