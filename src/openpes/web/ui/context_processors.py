from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import user_primary_role, user_roles
from openpes.web.exchange.config import hub_enabled

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
    # Team leads compare with peers on a hub; they do not share (see HUB_ONLY).
    (Role.TEAM_LEAD, "exchange_hub", _("Exchange")),
    (Role.ADMIN, "admin:index", _("Administration")),
]


#: Links to pages that exist only on an exchange hub (they answer 404 elsewhere).
HUB_ONLY = {"exchange_hub"}


def navigation(request: HttpRequest) -> dict[str, Any]:
    roles = user_roles(request.user)
    links: list[dict[str, Any]] = []
    seen = set()
    for role, name, label in NAVIGATION:
        if role in roles and name not in seen:
            if name in HUB_ONLY and (Role.OVERSIGHT in roles or Role.ADMIN in roles):
                continue  # they reach the hub from the sharing page's own menu
            if name in HUB_ONLY and not hub_enabled():
                continue
            seen.add(name)
            url = reverse(name)
            links.append({"url": url, "label": label, "current": request.path.startswith(url)})
    primary = user_primary_role(request.user)
    return {"nav_links": links, "current_role": primary.label if primary else ""}
