from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import user_primary_role

ROLE_HOMES = {
    Role.JOBSEEKER: "jobseeker_home",
    Role.COUNSELLOR: "counsellor_home",
    Role.TEAM_LEAD: "team_home",
    Role.OVERSIGHT: "oversight_home",
    Role.ADMIN: "admin:index",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own page."""
    role = user_primary_role(request.user)
    if role is None:
        raise PermissionDenied
    return redirect(ROLE_HOMES[role])
