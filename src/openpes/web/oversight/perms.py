"""Who may use the stop switch, handle alerts and read the monitors."""

from __future__ import annotations

from typing import Any

from openpes.web.accounts.enums import Role
from openpes.web.accounts.perms import has_role


def can_operate_stop_switch(user: Any) -> bool:
    """Oversight officers and administrators may pause and resume an AI system (Art. 14(4)(e))."""
    return has_role(user, Role.OVERSIGHT, Role.ADMIN)


def can_handle_alerts(user: Any) -> bool:
    return has_role(user, Role.OVERSIGHT, Role.ADMIN)


def sees_small_groups(user: Any) -> bool:
    """Only the oversight role sees figures for groups under 10 people."""
    return has_role(user, Role.OVERSIGHT)
