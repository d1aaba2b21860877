from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openpes.web.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from openpes.web.accounts import receivers

        # Like Django's own create_permissions: groups must exist after every migrate.
        post_migrate.connect(receivers.ensure_role_groups, sender=self)
