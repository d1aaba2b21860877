"""The client's address, the same for login throttling (django-axes) and the audit trail.

Behind the reverse proxy of docs/deployment.md every request comes from the proxy's own
address. The proxy's ``X-Forwarded-For`` header is believed only when the request really
comes from a proxy named in ``OPENPES_TRUSTED_PROXIES``; anyone else could write that
header themselves, lock any account and forge the trail's addresses.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

__all__ = ["client_address"]


def _is_trusted(address: str, trusted: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in trusted)


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``.

    The right-most address in ``X-Forwarded-For`` that is not itself a trusted proxy is
    the client: everything left of it was written by parties we cannot trust.
    """
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    trusted = list(getattr(settings, "OPENPES_TRUSTED_PROXIES", []))
    if not trusted or not _is_trusted(remote, trusted):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", "") or "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote
