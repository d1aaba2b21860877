"""Who may answer a review request."""

from __future__ import annotations

from typing import Any

from openpes.web.accounts.enums import Role
from openpes.web.accounts.perms import can_view_jobseeker, has_role
from openpes.web.accounts.selectors import team_member_ids
from openpes.web.counselling.enums import ReviewStatus


def can_answer_review(user: Any, review: Any) -> bool:
    """Open: the person's counsellor or their team lead. Escalated: the team lead only."""
    jobseeker = review.jobseeker
    if not has_role(user, Role.COUNSELLOR, Role.TEAM_LEAD) or jobseeker.user_id == user.pk:
        return False
    if review.status == ReviewStatus.OPEN:
        return can_view_jobseeker(user, jobseeker)
    if review.status == ReviewStatus.ESCALATED:
        return has_role(user, Role.TEAM_LEAD) and (
            jobseeker.counsellor_id in team_member_ids(lead=user) | {user.pk}
        )
    return False


def can_read_review(user: Any, review: Any) -> bool:
    return has_role(user, Role.COUNSELLOR, Role.TEAM_LEAD) and can_view_jobseeker(
        user, review.jobseeker
    )
