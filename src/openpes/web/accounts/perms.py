"""Access rules as plain functions; views apply them through decorators."""

from __future__ import annotations

from typing import Any, Protocol

from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import team_member_ids, user_roles


class CaseloadRecord(Protocol):
    """What the caseload rule needs to know about a job seeker's record."""

    counsellor_id: int | None
    user_id: int | None


def has_role(user: Any, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def can_use_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_active", False) and getattr(user, "is_staff", False)
    ) and has_role(user, Role.ADMIN)


def can_oversee(user: Any) -> bool:
    return has_role(user, Role.OVERSIGHT, Role.ADMIN)


def can_view_jobseeker(user: Any, jobseeker: CaseloadRecord) -> bool:
    """A person's record is open to themselves, their counsellor and that counsellor's lead.

    Oversight officers and administrators work on aggregates and the audit trail, not on
    individual files: privacy by design keeps them out of personal records.
    """
    roles = user_roles(user)
    if not roles:
        return False
    if Role.JOBSEEKER in roles and jobseeker.user_id is not None and jobseeker.user_id == user.pk:
        return True
    if jobseeker.counsellor_id is None:
        return False
    if Role.COUNSELLOR in roles and jobseeker.counsellor_id == user.pk:
        return True
    return Role.TEAM_LEAD in roles and jobseeker.counsellor_id in team_member_ids(lead=user)
