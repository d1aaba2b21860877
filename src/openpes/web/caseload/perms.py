"""Object-level access to a job seeker's record; the rule itself lives in accounts.perms."""

from openpes.web.accounts.perms import can_view_jobseeker

__all__ = ["can_edit_jobseeker", "can_view_jobseeker"]


def can_edit_jobseeker(user, jobseeker) -> bool:  # type: ignore[no-untyped-def]
    # Whoever may open a record may correct skills and preferences in it.
    return can_view_jobseeker(user, jobseeker)
