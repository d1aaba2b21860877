from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import team_member_list, team_of_lead, user_primary_role

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


@role_required(Role.JOBSEEKER)
def jobseeker_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/jobseeker.html")


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def counsellor_home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/counsellor.html")


@role_required(Role.TEAM_LEAD)
def team_home(request: HttpRequest) -> HttpResponse:
    team = team_of_lead(request.user)
    members = team_member_list(team=team) if team else []
    return render(request, "home/team.html", {"team": team, "members": members})
