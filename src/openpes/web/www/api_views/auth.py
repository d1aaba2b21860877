"""Bearer-token authentication, scope checks and per-token throttling for the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from openpes.web.integrations.models import ApiToken, IntegrationAccount
from openpes.web.integrations.selectors import token_for_secret, token_touch
from openpes.web.integrations.services import throttle_count


@dataclass(frozen=True)
class Integration:
    """The request's principal: an integration account acting through one token."""

    account: IntegrationAccount
    token: ApiToken
    is_authenticated: bool = True

    @property
    def actor(self) -> str:
        return self.account.actor

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.token.scopes)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Integration, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("The Authorization header must be 'Bearer TOKEN'.")
            )
        token = token_for_secret(header[1])
        if token is None or not token.active:
            raise exceptions.AuthenticationFailed(_("This token is unknown, expired or revoked."))
        token_touch(token)
        return Integration(token.account, token), token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword


class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "openpes.web.www.api_views.auth.TokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}


class HasScope(permissions.BasePermission):
    """The view names the scope each method needs in ``scopes = {"GET": ..., "PUT": ...}``."""

    message = _("This token does not have the scope this request needs.")

    def has_permission(self, request: Any, view: Any) -> bool:
        principal = request.user
        if not isinstance(principal, Integration):
            raise exceptions.NotAuthenticated()
        if not hasattr(view, request.method.lower()):
            return True  # the view answers 405 Method Not Allowed
        needed = getattr(view, "scopes", {}).get(request.method)
        if needed is None and request.method in ("HEAD", "OPTIONS"):
            needed = getattr(view, "scopes", {}).get("GET")
        if needed is None:
            return False
        if needed not in principal.scopes:
            self.message = _("This token lacks the scope '%(scope)s'.") % {"scope": needed}
            return False
        return True


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """One budget per token: a busy feed cannot slow down another integration.

    The counts live in the database (``integrations.ThrottleWindow``), shared by every worker
    process and host, and are counted by one atomic ``UPDATE`` per request: with the default
    per-process cache each of n workers would allow the whole rate, and with DRF's
    read-then-write history two workers at the same instant could both spend the last
    request. The window starts at a token's first request and lasts the rate's period.
    """

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        principal = request.user
        if not isinstance(principal, Integration):
            return None
        return str(principal.token.pk)

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        token = self.get_cache_key(request, view)
        if token is None:
            return True
        self.now = self.timer()
        count, self.started = throttle_count(
            token_id=int(token), now=self.now, duration=self.duration
        )
        return count <= self.num_requests

    def wait(self) -> float | None:
        return max(0.0, self.started + self.duration - self.now)
