"""Writes for accounts. Every function is keyword-only and atomic."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction

from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team, TeamMembership
from openpes.web.accounts.receivers import account_creation_trailed

# Which capabilities (app_label.codename) each role's group carries.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.JOBSEEKER: ("accounts.self_service",),
    Role.COUNSELLOR: ("accounts.counsel",),
    Role.TEAM_LEAD: ("accounts.counsel", "accounts.lead_team"),
    Role.OVERSIGHT: ("accounts.oversee", "trail.view_auditevent"),
    Role.ADMIN: ("accounts.oversee", "trail.view_auditevent"),
}


@transaction.atomic
def roles_ensure(*, using: str = "default") -> None:
    """Create the role groups and give them exactly their permissions (idempotent)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> AbstractUser:
    """Create a user holding one role. Only administrators get Django admin access."""
    roles_ensure()
    # The callers trail the account themselves (jobseeker_account_link's account.linked) or
    # make it for the demo; the receiver's account.created is for accounts made elsewhere.
    with account_creation_trailed():
        user = get_user_model().objects.create_user(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            email=email,
        )
    if role == Role.ADMIN:
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.add(Group.objects.get(name=role.value))
    return user


@transaction.atomic
def team_create(*, name: str, lead: AbstractUser | None = None) -> Team:
    return Team.objects.create(name=name, lead=lead)


@transaction.atomic
def team_member_add(*, team: Team, user: AbstractUser) -> TeamMembership:
    membership, _ = TeamMembership.objects.update_or_create(user=user, defaults={"team": team})
    return membership
