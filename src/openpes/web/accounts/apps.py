from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openpes.web.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from openpes.web.accounts import receivers

        # Like Django's own create_permissions: groups must exist after every migrate.
        post_migrate.connect(receivers.ensure_role_groups, sender=self)
        # createsuperuser and scripts calling create_user go into the trail too.
        post_save.connect(
            receivers.trail_account_created,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="openpes-trail-account-created",
        )
