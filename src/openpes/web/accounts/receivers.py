"""Signal receivers of the accounts app: the role groups after migrate, new accounts in the trail.

An account added through the Django admin is trailed by the admin (``admin.added``, naming the
administrator), and the app's own services trail what they do themselves (``user_create`` is
called by ``jobseeker_account_link``, which records ``account.linked``, by ``openpes demo`` and
by the test factories). One created anywhere else — ``openpes manage createsuperuser``, a
script calling ``create_user`` — would leave no trace, so :func:`trail_account_created` records
``account.created`` for it. Code that trails (or deliberately does not trail) the creation
itself wraps it in :func:`account_creation_trailed`, so an account is never recorded twice.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["account_creation_trailed", "ensure_role_groups", "trail_account_created"]

_TRAILED_BY_CALLER: ContextVar[bool] = ContextVar("openpes_account_trailed", default=False)


def ensure_role_groups(**kwargs: Any) -> None:
    from openpes.web.accounts.services import roles_ensure

    roles_ensure(using=kwargs.get("using", "default"))


@contextmanager
def account_creation_trailed() -> Iterator[None]:
    """Accounts created within the block are trailed by the caller, not by the receiver."""
    token = _TRAILED_BY_CALLER.set(True)
    try:
        yield
    finally:
        _TRAILED_BY_CALLER.reset(token)


def _process_actor() -> str:
    # No request, so no signed-in user: as the CLI's own events, the operating-system user.
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def trail_account_created(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    # raw: loaddata restores accounts that existed before, it creates none.
    if not created or kwargs.get("raw") or _TRAILED_BY_CALLER.get():
        return
    from openpes.web.trail.enums import Action
    from openpes.web.trail.services import event_record

    # The id and the user name only: no e-mail address or other personal value.
    event_record(
        actor=_process_actor(),
        action=Action.ACCOUNT_CREATED,
        subject=f"user:{instance.pk}",
        details={"username": instance.get_username()},
    )
