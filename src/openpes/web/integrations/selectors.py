from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from openpes.web.integrations.models import ApiToken
from openpes.web.integrations.services import token_digest


def token_for_secret(secret: str) -> ApiToken | None:
    """The token a bearer secret names, active or not."""
    return ApiToken.objects.select_related("account").filter(digest=token_digest(secret)).first()


def tokens_list(*, include_revoked: bool = False) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.select_related("account").order_by("account__name", "-created_at")
    return tokens if include_revoked else tokens.filter(revoked_at__isnull=True)


def token_touch(token: ApiToken) -> None:
    # A read-side bookkeeping write, at most once a minute per token.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
