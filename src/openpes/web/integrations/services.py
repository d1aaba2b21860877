"""Creating and revoking API tokens. Both go to the audit trail."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.web.integrations.enums import Scope
from openpes.web.integrations.models import ApiToken, IntegrationAccount, ThrottleWindow
from openpes.web.trail.services import event_record

TOKEN_PREFIX = "opes_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, actor: Any, account_name: str, scopes: Iterable[str], label: str = ""
) -> tuple[ApiToken, str]:
    """Create a token for an account (created if new); returns it and its only clear copy."""
    wanted = sorted(set(scopes))
    unknown = [s for s in wanted if s not in Scope.values]
    if unknown or not wanted:
        raise InputError(
            _("unknown scopes {unknown}; expected some of {scopes}").format(
                unknown=", ".join(unknown), scopes=", ".join(Scope.values)
            )
            if unknown
            else _("give at least one scope of {scopes}").format(scopes=", ".join(Scope.values)),
            column="scopes",
        )
    account, _created = IntegrationAccount.objects.get_or_create(name=account_name)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        account=account,
        label=label,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(secret),
        scopes=wanted,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event_record(
        actor=actor,
        action="api.token_created",
        subject=f"token:{token.pk}",
        details={"account": account.name, "scopes": wanted, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> bool:
    """Revoke a token; returns False if it was already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    event_record(
        actor=actor,
        action="api.token_revoked",
        subject=f"token:{token.pk}",
        details={"account": token.account.name, "prefix": token.prefix},
    )
    return True


def throttle_count(*, token_id: int, now: float, duration: float) -> tuple[int, float]:
    """Count one request of a token: its requests in the current window (this one included)
    and when that window started.

    One ``UPDATE`` both counts and, once the window has passed, starts a new one: the
    database applies it atomically, so concurrent workers never lose a count. A count read
    back may include another worker's request made since, which only errs on the strict side.
    """
    expired = Q(started__lt=now - duration)
    rows = ThrottleWindow.objects.filter(token_id=token_id)
    updated = rows.update(
        count=Case(When(expired, then=Value(1)), default=F("count") + 1),
        started=Case(When(expired, then=Value(now)), default=F("started")),
    )
    if not updated:
        try:
            with transaction.atomic():
                ThrottleWindow.objects.create(token_id=token_id, started=now, count=1)
                return 1, now
        except IntegrityError:  # another worker created it first
            rows.update(count=F("count") + 1)
    count, started = rows.values_list("count", "started").get()
    return count, started
