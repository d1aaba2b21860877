"""``check --deploy`` fails when production would print its mail instead of sending it.

Without ``OPENPES_EMAIL_HOST`` mail goes to OpenPES's own console backend
(:mod:`openpes.web.console_mail`), which Django's ``mail.E001`` does not know: alerts would
reach no oversight officer and password-reset links would be written to the server's log,
where anyone who reads the log could use them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import gettext as _

from openpes.web.console_mail import CONSOLE, FOLDER


@register(deploy=True)
def check_production_mail(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    if backend not in (CONSOLE, FOLDER):
        return []
    return [
        Error(
            _(
                "production has no mail server: alert mails and password-reset links would be "
                "printed to the server's log instead of sent"
            ),
            hint=_(
                "Set OPENPES_EMAIL_HOST (and the other OPENPES_EMAIL_* variables); see "
                "docs/deployment.md."
            ),
            id="openpes.E001",
        )
    ]
