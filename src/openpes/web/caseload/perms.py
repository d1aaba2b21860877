"""Object-level access to a job seeker's record; the rule itself lives in accounts.perms."""

from typing import Any

from openpes.web.accounts.perms import CaseloadRecord, can_view_jobseeker

__all__ = ["can_edit_jobseeker", "can_view_jobseeker"]


def can_edit_jobseeker(user: Any, jobseeker: CaseloadRecord) -> bool:
    # Whoever may open a record may correct skills and preferences in it.
    return can_view_jobseeker(user, jobseeker)
