"""Who may do what in the register."""

from __future__ import annotations

from typing import Any

from openpes.web.accounts.enums import Role
from openpes.web.accounts.perms import has_role

#: Administrators keep the register; oversight officers read it and its documents.
REGISTER_ROLES = (Role.ADMIN, Role.OVERSIGHT)
#: Staff who take AI literacy courses.
STAFF_ROLES = (Role.COUNSELLOR, Role.TEAM_LEAD, Role.OVERSIGHT, Role.ADMIN)


def can_manage_register(user: Any) -> bool:
    return has_role(user, Role.ADMIN)


def can_read_register(user: Any) -> bool:
    return has_role(user, *REGISTER_ROLES)
