"""Who may use the exchange pages, as plain data and functions."""

from __future__ import annotations

from typing import Any

from openpes.web.accounts.enums import Role
from openpes.web.accounts.perms import has_role

#: The hub's pages: the people who compare their PES with peers.
HUB_ROLES = (Role.TEAM_LEAD, Role.OVERSIGHT, Role.ADMIN)
#: Sharing sends the register and oversight aggregates out: oversight and administrators.
SHARE_ROLES = (Role.OVERSIGHT, Role.ADMIN)


def can_share(user: Any) -> bool:
    return has_role(user, *SHARE_ROLES)
