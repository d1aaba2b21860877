"""Reads for accounts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from openpes.web.accounts.enums import ROLE_PRIORITY, Role
from openpes.web.accounts.models import Team


def user_roles(user: Any) -> set[Role]:
    """All roles a user holds (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_openpes_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._openpes_roles = cached
    return set(cached)


def user_primary_role(user: Any) -> Role | None:
    roles = user_roles(user)
    return next((role for role in ROLE_PRIORITY if role in roles), None)


def team_of_lead(user: Any) -> Team | None:
    return Team.objects.filter(lead=user).first()


def team_member_list(*, team: Team) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(team_membership__team=team)
        .order_by("last_name", "first_name", "username")
    )


def team_member_ids(*, lead: Any) -> set[int]:
    return set(
        get_user_model()
        .objects.filter(team_membership__team__lead=lead)
        .values_list("pk", flat=True)
    )
