"""Authentication signals feed the trail through its service."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from openpes.web.accounts.client_address import client_address
from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


@receiver(user_logged_in, dispatch_uid="openpes-trail-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    event_record(actor=user, action=Action.LOGIN, subject=f"user:{user.pk}")


@receiver(user_logged_out, dispatch_uid="openpes-trail-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        event_record(actor=user, action=Action.LOGOUT, subject=f"user:{user.pk}")


@receiver(user_login_failed, dispatch_uid="openpes-trail-login-failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    event_record(
        actor="anonymous",
        action=Action.LOGIN_FAILED,
        subject=f"username:{username}",
        details={"ip": client_address(request) if request is not None else ""},
    )


def _locked_out(sender: Any, request: Any = None, username: str = "", **kwargs: Any) -> None:
    event_record(
        actor="anonymous",
        action=Action.LOCKED_OUT,
        subject=f"username:{str(username)[:150]}",
        details={"ip": client_address(request) if request is not None else ""},
    )


def _connect_axes() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="openpes-trail-locked-out")


_connect_axes()
