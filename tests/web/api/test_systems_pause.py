"""``GET /api/v1/systems/`` says when the stop switch holds a system, so a back office that
reads it does not take a paused system for a running one."""

from __future__ import annotations

from openpes.web.accounts.models import Team
from openpes.web.oversight.models import AISystem
from openpes.web.oversight.services import system_pause, system_resume


def _systems(api) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {s["name"]: s for s in api("systems:read").get("/api/v1/systems/").json()}


def test_a_pause_for_the_whole_service_and_for_a_team_are_shown(api, db):
    support = AISystem.objects.get(key="support_needs")
    before = _systems(api)
    assert before["support-needs"]["paused"] is False
    assert before["support-needs"]["paused_teams"] == []
    team = Team.objects.create(name="North")
    system_pause(system=support, actor="cli:test", reason="Override bias under review", team=team)
    assert _systems(api)["support-needs"]["paused_teams"] == ["North"]
    assert _systems(api)["support-needs"]["paused"] is False
    system_pause(system=support, actor="cli:test", reason="Override bias under review")
    systems = _systems(api)
    assert systems["support-needs"]["paused"] is True
    assert systems["matching"]["paused"] is False and systems["matching"]["paused_teams"] == []
    system_resume(system=support, actor="cli:test", reason="Teams coached; gap closed")
    assert _systems(api)["support-needs"]["paused"] is False
