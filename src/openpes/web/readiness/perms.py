"""Access rules for readiness assessments, as plain functions."""

from __future__ import annotations

from typing import Any

from openpes.web.accounts.enums import Role
from openpes.web.accounts.perms import has_role
from openpes.web.readiness.models import Assessment, Respondent

#: Who may use the readiness pages at all.
READINESS_ROLES = (Role.TEAM_LEAD, Role.ADMIN)


def can_use_readiness(user: Any) -> bool:
    return has_role(user, *READINESS_ROLES)


def can_manage_assessment(user: Any, assessment: Assessment) -> bool:
    """Inviting respondents and sharing scores: whoever started it, or an administrator."""
    return can_use_readiness(user) and (
        assessment.created_by_id == user.pk or has_role(user, Role.ADMIN)
    )


def can_answer(user: Any, respondent: Respondent) -> bool:
    """The invited person answers; an open slot is filled in by whoever manages the assessment."""
    if not can_use_readiness(user):
        return False
    if respondent.user_id is not None:
        return bool(respondent.user_id == user.pk)
    return can_manage_assessment(user, respondent.assessment)
