"""AI literacy (EU AI Act Art. 4): who has completed which course, and what that allows.

``literacy_gate(user, system)`` is the hook the counselling pages call before they show a
system's output to a counsellor: ``"ok"``, ``"warn"`` (show it with a notice and a link to
the course) or ``"block"`` (show the course link instead), as ``OPENPES_LITERACY_MODE``
(``warn`` by default, or ``block``) says. ``can_pause(user)`` is the hook the oversight
app calls before a pause: the oversight course must be completed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team
from openpes.web.accounts.perms import has_role
from openpes.web.register.enums import CourseKind, LiteracyMode, RecordStatus
from openpes.web.register.models import CourseCompletion, RegisterRecord

Gate = Literal["ok", "warn", "block"]
#: The register ids of the two running systems, as the counselling pages name them.
MATCHING_SYSTEM = "matching"
SUPPORT_NEEDS_SYSTEM = "support-needs"
#: The readiness framework's question on staff AI literacy, where the evidence is shown.
LITERACY_QUESTION = "staff.literacy"


def literacy_mode() -> str:
    mode = os.environ.get("OPENPES_LITERACY_MODE", LiteracyMode.WARN)
    return mode if mode in LiteracyMode.values else LiteracyMode.WARN


def course_done(user: Any, *, system: str) -> bool:
    return CourseCompletion.objects.filter(
        user=user, kind=CourseKind.SYSTEM, record__system=system
    ).exists()


def oversight_course_done(user: Any) -> bool:
    return CourseCompletion.objects.filter(user=user, kind=CourseKind.OVERSIGHT).exists()


def literacy_gate(user: Any, system: str) -> Gate:
    """What a counsellor's page does with ``system``'s output (see the module)."""
    return literacy_gates(user, [system])[system]


def literacy_gates(user: Any, systems: list[str]) -> dict[str, Gate]:
    """``literacy_gate`` for several systems in one query (a case page asks for two)."""
    if not has_role(user, Role.COUNSELLOR):
        return dict.fromkeys(systems, "ok")
    done = CourseCompletion.objects.filter(user=user, kind=CourseKind.SYSTEM, record=OuterRef("pk"))
    registered: dict[str, bool] = {}
    for system, completed in (
        RegisterRecord.objects.filter(system__in=systems)
        .annotate(completed=Exists(done))
        .values_list("system", "completed")
    ):
        registered[system] = registered.get(system, False) or completed
    missing: Gate = "block" if literacy_mode() == LiteracyMode.BLOCK else "warn"
    return {system: "ok" if registered.get(system, True) else missing for system in systems}


def can_pause(user: Any) -> bool:
    """Oversight officers pause a system only after the oversight course."""
    return has_role(user, Role.OVERSIGHT, Role.ADMIN) and oversight_course_done(user)


@dataclass(frozen=True)
class TeamCompletion:
    team: str
    members: int
    completed: int

    @property
    def rate(self) -> float | None:
        return self.completed / self.members if self.members else None


def completion_by_team() -> list[TeamCompletion]:
    """Per team: counsellors, and how many completed the course of every system in use.

    Evidence for the readiness assessment's staff-capacity dimension.
    """
    systems = set(
        RegisterRecord.objects.filter(status=RecordStatus.IN_USE).values_list("id", flat=True)
    )
    done: dict[int, set[int]] = {}
    for user_id, record_id in CourseCompletion.objects.filter(kind=CourseKind.SYSTEM).values_list(
        "user_id", "record_id"
    ):
        done.setdefault(user_id, set()).add(record_id)
    rows = []
    users = get_user_model().objects.filter(team_membership__isnull=False)
    for team in Team.objects.order_by("name"):
        members = [u.pk for u in users.filter(team_membership__team=team)]
        completed = sum(1 for pk in members if systems and systems <= done.get(pk, set()))
        rows.append(TeamCompletion(team.name, len(members), completed))
    return rows


#: Teams smaller than this are not shown one by one (aggregates over < 10 people).
SMALL_TEAM = 10


@dataclass(frozen=True)
class CompletionEvidence:
    """Completion over all counsellors, and per team for teams of at least ten."""

    overall: TeamCompletion
    teams: tuple[TeamCompletion, ...]
    hidden_teams: int


def completion_evidence() -> CompletionEvidence:
    """The evidence shown next to the readiness question on staff AI literacy."""
    rows = completion_by_team()
    overall = TeamCompletion("*", sum(r.members for r in rows), sum(r.completed for r in rows))
    shown = tuple(r for r in rows if r.members >= SMALL_TEAM)
    return CompletionEvidence(overall, shown, len(rows) - len(shown))
