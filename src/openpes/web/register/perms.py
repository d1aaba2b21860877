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


def sees_full_figures(user: Any) -> bool:
    """Groups of fewer than 10 people and rates over fewer than 10 decisions are for the
    oversight officer, who must see them to find a harm (rule 3); an administrator keeps
    the register with the figures everyone else reads (``openpes.register.public_live``)."""
    return has_role(user, Role.OVERSIGHT)
