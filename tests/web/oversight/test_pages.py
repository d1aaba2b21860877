"""Oversight pages: the dashboard and its forms, alerts, monitor reports, the trail page,
exports, the provider notice and the team lead's page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import Alert, MonitorRecord, SystemPause, TrailVerification
from openpes.web.oversight.monitoring import oversight_run, record_document
from openpes.web.register.enums import CourseKind
from openpes.web.register.services import course_complete
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login


def _trained(user):
    course_complete(user=user, kind=CourseKind.OVERSIGHT, record=None, score=1.0)
    return user


@pytest.fixture
def officer(make_user):
    # Pausing needs the oversight AI-literacy course (see test_stop_switch_needs_the_course).
    return _login(_trained(make_user(Role.OVERSIGHT)))


def test_stop_switch_needs_the_oversight_course(make_user):
    untrained = make_user(Role.OVERSIGHT)
    client = _login(untrained)
    pause = reverse("oversight_pause", args=["matching"])
    response = client.post(pause, {"pause-matching-reason": "Suspected override bias"}, follow=True)
    body = response.content.decode()
    assert "only after completing the oversight AI-literacy course" in body
    assert reverse("literacy_course", args=["oversight"]) in body
    # The system stays as it was, and nothing went into the trail.
    assert not SystemPause.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="oversight.system").exists()
    # Resuming is refused the same way: the pause a trained officer made stays in force.
    _trained(untrained)
    client.post(pause, {"pause-matching-reason": "Suspected override bias"})
    pause_row = SystemPause.objects.get()
    other = _login(make_user(Role.OVERSIGHT))
    prefix = f"resume-{pause_row.pk}"
    response = other.post(
        reverse("oversight_resume", args=["matching"]),
        {"which": pause_row.pk, f"{prefix}-pause": pause_row.pk, f"{prefix}-reason": "Fine"},
        follow=True,
    )
    assert "only after completing the oversight AI-literacy course" in response.content.decode()
    pause_row.refresh_from_db()
    assert pause_row.active and pause_row.resumed_at is None


def test_dashboard_pause_and_resume_through_the_forms(officer):
    home = reverse("oversight_home")
    page = officer.get(home).content.decode()
    assert "Active for the whole service." in page and "Pause this system" in page
    pause = reverse("oversight_pause", args=["matching"])
    # GOV.UK pattern: an error summary linking to the field, the message at it, input kept.
    response = officer.post(pause, {"pause-matching-reason": "x", "pause-matching-team": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and 'href="#id_pause-matching-reason"' in body
    assert 'aria-invalid="true"' in body and "x</textarea>" in body
    assert not SystemPause.objects.exists()
    response = officer.post(pause, {"pause-matching-reason": "Suspected override bias"})
    assert response.status_code == 302
    pause_row = SystemPause.objects.get()
    page = officer.get(home).content.decode()
    assert "Paused for the whole service since" in page and "Suspected override bias" in page
    resume = reverse("oversight_resume", args=["matching"])
    prefix = f"resume-{pause_row.pk}"
    response = officer.post(resume, {"which": pause_row.pk, f"{prefix}-pause": pause_row.pk})
    assert response.status_code == 400 and "Enter a reason" in response.content.decode()
    officer.post(
        resume,
        {"which": pause_row.pk, f"{prefix}-pause": pause_row.pk, f"{prefix}-reason": "Checked"},
    )
    pause_row.refresh_from_db()
    assert pause_row.resumed_at is not None and pause_row.resume_reason == "Checked"
    actions = list(
        AuditEvent.objects.filter(action__startswith="oversight.system").values_list(
            "action", flat=True
        )
    )
    assert actions == ["oversight.system_paused", "oversight.system_resumed"]


@pytest.fixture
def with_alerts(population, make_user):
    population()
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    oversight_run(period_days=30)
    return Alert.objects.filter(metric="less_support_rate", group="non_eu").first()


def test_alerts_show_on_the_dashboard_and_are_handled_with_a_note(officer, with_alerts):
    alert = with_alerts
    page = officer.get(reverse("oversight_home")).content.decode()
    assert f'id="alert-{alert.pk}"' in page
    # Words first; the code a policy names follows in a quieter type.
    assert 'moved to less support</strong> <span class="muted">(less_support_rate)</span>' in page
    officer.post(reverse("oversight_alert_ack", args=[alert.pk]), {f"ack-{alert.pk}-note": ""})
    alert.refresh_from_db()
    assert alert.status == "acknowledged" and alert.acknowledged_by
    resolve = reverse("oversight_alert_resolve", args=[alert.pk])
    assert officer.post(resolve, {f"resolve-{alert.pk}-note": ""}).status_code == 400
    officer.post(resolve, {f"resolve-{alert.pk}-note": "Coached the teams; rerun next month"})
    alert.refresh_from_db()
    assert alert.status == "resolved" and alert.note.startswith("Coached")
    steps = AuditEvent.objects.filter(subject=f"alert:{alert.pk}").values_list("action", flat=True)
    assert list(steps) == [
        "oversight.alert_raised",
        "oversight.alert_acknowledged",
        "oversight.alert_resolved",
    ]


def test_monitor_page_renders_the_stored_report(officer, with_alerts):
    record = MonitorRecord.objects.get(
        team="", system_key="support_needs", monitor="human_decisions"
    )
    page = officer.get(reverse("oversight_monitor", args=[record.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "<table>" in body and "Trend over the runs" in body
    # The officer writes policies with the codes: the words, then the codes after them.
    assert "Non-EU origin (origin=non_eu)" in body
    # Each monitor's report lists only its own alerts.
    drift = MonitorRecord.objects.get(team="", system_key="support_needs", monitor="drift")
    assert "alerts" not in [s["id"] for s in record_document(drift, "en")["sections"]]
    record.refresh_from_db()
    assert "alerts" in [s["id"] for s in record.documents["en"]["sections"]]
    download = officer.get(reverse("oversight_monitor", args=[record.pk]) + "?format=md")
    assert download.status_code == 200
    assert "Non-EU origin (origin=non_eu)" in download.content.decode()
    french = officer.get(
        reverse("oversight_monitor", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert 'lang="fr"' in french and "Origine hors UE (origin=non_eu)" in french


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_provider_notice_exports(officer, make_user, fmt):
    from openpes.web.oversight.models import AISystem
    from openpes.web.oversight.services import system_pause

    system_pause(
        system=AISystem.objects.get(key="support_needs"),
        actor=make_user(Role.OVERSIGHT),
        reason="Drift in the inputs",
    )
    response = officer.get(reverse("oversight_notice", args=["support_needs", fmt]))
    assert response.status_code == 200
    assert "Drift in the inputs" in response.content.decode()
    assert "attachment" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["title"].startswith("Notice to the provider")
    assert AuditEvent.objects.filter(action="oversight.notice_exported").exists()


def test_trail_page_filters_never_verify_on_load_and_export(officer, make_user):
    officer.get(reverse("oversight_home"))
    trail = reverse("oversight_trail")
    page = officer.get(trail).content.decode()
    assert "has not been verified yet" in page and not TrailVerification.objects.exists()
    officer.post(reverse("oversight_trail_verify"))
    verification = TrailVerification.objects.get()
    assert verification.intact and verification.checked >= 1
    page = officer.get(trail).content.decode()
    assert "Intact:" in page
    assert TrailVerification.objects.count() == 1
    bad = officer.get(trail, {"since": "2026-05-02", "until": "2026-05-01"})
    assert bad.status_code == 400 and 'href="#id_until"' in bad.content.decode()
    only = officer.get(trail, {"action": "oversight.trail_verified"}).content.decode()
    assert "<td>Verified the audit trail</td>" in only and "<td>Signed in</td>" not in only
    first = AuditEvent.objects.order_by("position").first()
    detail = officer.get(reverse("oversight_trail_event", args=[first.position]))
    assert detail.status_code == 200 and first.hash in detail.content.decode()

    response = officer.get(reverse("oversight_trail_export", args=["csv"]))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:2] == ["# intact", "True"] and rows[2][0] == "position"
    response = officer.get(
        reverse("oversight_trail_export", args=["json"]), {"action": "oversight."}
    )
    data = json.loads(b"".join(response.streaming_content))
    assert data["verification"]["intact"] is True
    assert data["events"] and all(e["action"].startswith("oversight.") for e in data["events"])


def test_team_lead_page_is_aggregated_and_says_it_is_for_coaching(population, make_user):
    population()
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    from openpes.web.accounts.models import Team

    lead = Team.objects.get(name="North").lead
    client = _login(lead)
    # The page reads what the last monitor run stored; loading it computes nothing.
    before = client.get(reverse("oversight_team")).content.decode()
    assert "No figures yet" in before and "<table>" not in before
    oversight_run(period_days=30, mail=False)
    records = MonitorRecord.objects.filter(team="North")
    assert {r.monitor for r in records} == {"human_decisions"} and records.count() == 2
    page = client.get(reverse("oversight_team")).content.decode()
    assert "coaching, not sanctions" in page and "From the monitor run of" in page
    assert "<table>" in page
    # The lead reads the groups and metrics in words; the codes are for policy authors.
    assert "Non-EU origin" in page and "Everyone" in page
    assert "origin=non_eu" not in page and "origin: non_eu" not in page
    assert "JS-P" not in page  # no person appears, only aggregates
    # The whole service's records are not the team's: the dashboard's lists exclude them.
    assert not MonitorRecord.objects.filter(team="", monitor="human_decisions").filter(
        pk__in=records
    )


def _open_alert() -> Alert:
    from django.utils import timezone

    from openpes.web.oversight.models import MonitorRun

    now = timezone.now()
    run = MonitorRun.objects.create(
        ran_at=now,
        ran_by="test",
        period_start=now,
        period_end=now,
        reference_start=now,
        reference_end=now,
    )
    return Alert.objects.create(
        run=run,
        system_key="support_needs",
        monitor="human_decisions",
        attribute="origin",
        group="non_eu",
        metric="less_support_rate",
        value=0.17,
        verdict="fail",
        rule="|Δ less_support_rate| ≤ 0.05",
        raised_at=now,
        last_seen_at=now,
    )


def test_an_acknowledgement_the_form_refuses_says_why_and_keeps_the_note(officer):
    # A note over the limit was dropped without a word: the alert stayed open, the officer
    # was sent back to the dashboard and believed it acknowledged.
    alert = _open_alert()
    note = "n" * 2001
    response = officer.post(
        reverse("oversight_alert_ack", args=[alert.pk]), {f"ack-{alert.pk}-note": note}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and f'href="#id_ack-{alert.pk}-note"' in body
    assert f'id="id_ack-{alert.pk}-note_errors"' in body and f"\n{note}</textarea>" in body
    alert.refresh_from_db()
    assert alert.status == "open" and not alert.acknowledged_by


def test_a_refused_pause_reads_as_a_sentence_at_its_field(officer):
    # The service's message carried the command line's place ("column 'team': this system
    # is already paused there"); on the page the field is the place.
    pause = reverse("oversight_pause", args=["matching"])
    officer.post(pause, {"pause-matching-reason": "Suspected override bias"})
    response = officer.post(pause, {"pause-matching-reason": "Again, the same scope"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "column" not in body and "&#x27;team&#x27;" not in body
    assert 'id="id_pause-matching-team_errors"><li>This system is already paused there' in body
    assert SystemPause.objects.count() == 1
