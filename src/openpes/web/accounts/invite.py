"""The mail that lets a person set the password of an account made for them.

The link is Django's password-reset link (``default_token_generator``): it works once, until
the password is set, and for ``PASSWORD_RESET_TIMEOUT`` (three days by default). A command
line has no request to take the site's address from, so links are built on
``OPENPES_BASE_URL`` (settings.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from openpes.web.console_mail import CONSOLE, FOLDER


def mail_is_printed() -> bool:
    """Production without a mail server: a link would land in the server's log (E001)."""
    backend = settings.MAILERS.get("default", {}).get("BACKEND", "")
    return bool(getattr(settings, "PRODUCTION", False)) and backend in (CONSOLE, FOLDER)


def invite_link(user: AbstractUser) -> str:
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.OPENPES_BASE_URL.rstrip("/") + path


def account_invite_send(*, user: AbstractUser) -> None:
    """Send the link, in the service's language; an unreachable mail server raises."""
    context = {
        "user": user,
        "link": invite_link(user),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("registration/account_invite_subject.txt", context)
        body = render_to_string("registration/account_invite_email.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
