"""Seeding the demo database. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team
from openpes.web.accounts.services import team_create, team_member_add, user_create
from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue.models import Vacancy
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.demo.world import (
    caseload_load,
    catalogue_load,
    demo_files_ensure,
    demo_world,
    outcomes_load,
)
from openpes.web.exchange.demo import exchange_demo_seed
from openpes.web.readiness.demo import readiness_demo_seed
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.enums import CourseKind
from openpes.web.register.literacy import oversight_course_done
from openpes.web.register.services import course_complete
from openpes.web.trail.services import event_record

DEMO_PASSWORD = "openpes-demo"

#: One demo login per role: (username, role, first name, last name).
DEMO_LOGINS: tuple[tuple[str, Role, str, str], ...] = (
    ("jobseeker", Role.JOBSEEKER, "Alex", "Martin"),
    ("counsellor", Role.COUNSELLOR, "Sam", "Peeters"),
    ("teamlead", Role.TEAM_LEAD, "Noor", "Jansen"),
    ("oversight", Role.OVERSIGHT, "Iris", "Dubois"),
    ("admin", Role.ADMIN, "Jo", "Schmidt"),
)
TEAMS = ("North", "Centre", "South")
COUNSELLORS_PER_TEAM = 4


@dataclass
class DemoSummary:
    created_users: int = 0
    created_teams: int = 0
    created_jobseekers: int = 0
    created_assessments: int = 0
    created_history: int = 0
    logins: list[tuple[str, str]] = field(default_factory=list)


def _user(summary: DemoSummary, username: str, role: Role, first: str, last: str):
    existing = get_user_model().objects.filter(username=username).first()
    if existing is not None:
        return existing
    summary.created_users += 1
    return user_create(
        username=username, password=DEMO_PASSWORD, role=role, first_name=first, last_name=last
    )


@transaction.atomic
def demo_seed(*, var_dir: Path) -> DemoSummary:
    """Demo logins, three teams of four counsellors with a lead each, and a caseload of
    about 2,000 job seekers from the seeded synthetic world."""
    summary = DemoSummary()
    users = {
        name: _user(summary, name, role, first, last) for name, role, first, last in DEMO_LOGINS
    }
    summary.logins = [(name, role.label) for name, role, _, _ in DEMO_LOGINS]
    for index, team_name in enumerate(TEAMS):
        lead = (
            users["teamlead"]
            if index == 0
            else _user(summary, f"lead-{team_name.lower()}", Role.TEAM_LEAD, "Lead", team_name)
        )
        team = Team.objects.filter(name=team_name).first()
        if team is None:
            team = team_create(name=team_name, lead=lead)
            summary.created_teams += 1
        for number in range(1, COUNSELLORS_PER_TEAM + 1):
            username = (
                "counsellor"
                if index == 0 and number == 1
                else f"counsellor-{team_name.lower()}-{number}"
            )
            member = users.get(username) or _user(
                summary, username, Role.COUNSELLOR, "Counsellor", f"{team_name} {number}"
            )
            if not hasattr(member, "team_membership"):
                team_member_add(team=team, user=member)
    # Checked against the demo manifest's SHA-256, so a killed earlier run is repaired.
    demo_files_ensure(var_dir, today=timezone.localdate())
    if not Vacancy.objects.exists():
        catalogue_load(demo_world(var_dir), today=timezone.localdate())
    if not JobSeeker.objects.exists():
        counsellors = list(
            get_user_model().objects.filter(team_membership__isnull=False).order_by("username")
        )
        # The demo counsellor gets the first person, whom the demo job seeker login is.
        counsellors.remove(users["counsellor"])
        counsellors.insert(0, users["counsellor"])
        summary.created_jobseekers = caseload_load(
            demo_world(var_dir), counsellors, today=timezone.localdate()
        )
        outcomes_load(demo_world(var_dir), today=timezone.localdate())
        JobSeeker.objects.filter(reference="JS-0000001").update(
            user=users["jobseeker"], first_name="Alex", last_name="Martin"
        )
        event_record(
            actor=None, action="demo.seeded", details={"jobseekers": summary.created_jobseekers}
        )
    summary.created_assessments = readiness_demo_seed()
    # Six months of model outputs and decisions, with a planted override bias to find.
    summary.created_history = oversight_history_seed()
    get_user_model().objects.filter(username="oversight", email="").update(
        email="oversight@openpes.example"
    )
    register_demo_seed()
    # The oversight guide pauses a system, which needs the oversight AI-literacy course.
    officer = get_user_model().objects.filter(username="oversight").first()
    if officer is not None and not oversight_course_done(officer):
        course_complete(user=officer, kind=CourseKind.OVERSIGHT, record=None, score=1.0)
    exchange_demo_seed()
    return summary
