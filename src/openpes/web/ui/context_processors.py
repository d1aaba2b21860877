from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import user_primary_role, user_roles

# (role, url name, label): the navigation a role sees, in order.
NAVIGATION = [
    (Role.JOBSEEKER, "jobseeker_home", _("My profile")),
    (Role.COUNSELLOR, "counsellor_home", _("My caseload")),
    (Role.COUNSELLOR, "review_inbox", _("Review requests")),
    (Role.TEAM_LEAD, "team_home", _("My team")),
    (Role.TEAM_LEAD, "review_inbox", _("Review requests")),
    (Role.TEAM_LEAD, "readiness_home", _("Readiness")),
    (Role.TEAM_LEAD, "oversight_team", _("Team decisions")),
    (Role.OVERSIGHT, "oversight_home", _("Oversight")),
    (Role.ADMIN, "oversight_home", _("Oversight")),
    (Role.ADMIN, "readiness_home", _("Readiness")),
    (Role.COUNSELLOR, "literacy_home", _("AI literacy")),
    (Role.TEAM_LEAD, "literacy_home", _("AI literacy")),
    (Role.OVERSIGHT, "register_home", _("AI register")),
    (Role.OVERSIGHT, "literacy_home", _("AI literacy")),
    (Role.ADMIN, "register_home", _("AI register")),
    (Role.OVERSIGHT, "exchange_share", _("Exchange")),
    (Role.ADMIN, "exchange_share", _("Exchange")),
    (Role.ADMIN, "admin:index", _("Administration")),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    roles = user_roles(request.user)
    links: list[dict[str, Any]] = []
    seen = set()
    for role, name, label in NAVIGATION:
        if role in roles and name not in seen:
            seen.add(name)
            url = reverse(name)
            links.append({"url": url, "label": label, "current": request.path.startswith(url)})
    primary = user_primary_role(request.user)
    return {"nav_links": links, "current_role": primary.label if primary else ""}
