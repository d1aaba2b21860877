"""Where this instance stands in the exchange: hub, member, or both. Environment only."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings

from openpes.web.exchange.models import Member
from openpes.web.readiness.selectors import own_organisation


def hub_enabled() -> bool:
    """``OPENPES_HUB=1`` makes this instance a hub; unset, it is one once it has members
    (the demo registers twelve); ``OPENPES_HUB=0`` turns the hub pages off."""
    flag = os.environ.get("OPENPES_HUB", "")
    if flag in ("0", "1"):
        return flag == "1"
    return Member.objects.exists()


def hub_url() -> str:
    return os.environ.get("OPENPES_HUB_URL", "").rstrip("/")


def hub_token() -> str:
    return os.environ.get("OPENPES_HUB_TOKEN", "")


def key_path() -> Path:
    return Path(os.environ.get("OPENPES_EXCHANGE_KEY", settings.VAR_DIR / "exchange.key"))


def member_id() -> str:
    """``OPENPES_EXCHANGE_MEMBER``, else a slug of the organisation's name."""
    explicit = os.environ.get("OPENPES_EXCHANGE_MEMBER", "")
    if explicit:
        return explicit
    own = own_organisation()
    name = own.name if own is not None else "openpes"
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64] or "openpes"
