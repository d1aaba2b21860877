"""``oversight_run`` on the live records: a planted bias in counsellors' overrides raises
an alert naming the group; a world without bias raises none."""

from __future__ import annotations

import pytest
from django.core import mail

from openpes.web.accounts.enums import Role
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import Alert, MonitorRecord, MonitorRun
from openpes.web.oversight.monitoring import oversight_run, record_document
from openpes.web.trail.models import AuditEvent


def test_planted_override_bias_raises_an_alert_naming_the_group(population, make_user):
    population()
    make_user(Role.OVERSIGHT, email="officer@example.org")
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    outcome = oversight_run(period_days=30)
    alerts = list(Alert.objects.all())
    named = [
        a
        for a in alerts
        if a.monitor == "human_decisions"
        and a.metric == "less_support_rate"
        and a.attribute == "origin"
        and a.group == "non_eu"
    ]
    assert named, [(a.monitor, a.metric, a.attribute, a.group) for a in alerts]
    alert = named[0]
    assert alert.system_key == "support_needs" and alert.verdict in ("warn", "fail")
    assert alert.value is not None and alert.reference_value is not None
    assert alert.value > alert.reference_value and alert.low <= alert.value <= alert.high
    assert outcome.new_alerts and outcome.run.new_alerts == len(outcome.new_alerts)
    # Stored: the run and one record per monitor with its result; no report is built yet,
    # each is built in a language from the stored result when first read, then kept.
    record = MonitorRecord.objects.get(
        team="", system_key="support_needs", monitor="human_decisions"
    )
    assert record.verdict in ("warn", "fail") and record.documents == {} and record.result
    for language in ("en", "fr", "de", "nl", "es"):
        assert record_document(record, language)["language"] == language
    record.refresh_from_db()
    assert set(record.documents) == {"en", "fr", "de", "nl", "es"}
    # Mailed to the oversight officer, and every alert is in the trail.
    assert any("officer@example.org" in m.to and "non_eu" in m.body for m in mail.outbox)
    raised = AuditEvent.objects.filter(action="oversight.alert_raised")
    assert raised.count() == len(alerts)
    # Seen again, an open alert is not raised twice.
    again = oversight_run(period_days=30)
    assert again.new_alerts == [] and Alert.objects.count() == len(alerts)
    assert MonitorRun.objects.count() == 2


def test_a_world_without_bias_raises_no_alert(population, make_user):
    population()
    make_user(Role.OVERSIGHT, email="officer@example.org")
    oversight_history_seed(months=2, per_month=0.6, override_bias=False, seed=3)
    outcome = oversight_run(period_days=30)
    assert [(a.monitor, a.metric, a.attribute, a.group, a.value) for a in outcome.new_alerts] == []
    assert not mail.outbox
    verdicts = dict(
        MonitorRecord.objects.filter(team="", system_key="support_needs").values_list(
            "monitor", "verdict"
        )
    )
    assert verdicts["human_decisions"] in ("pass", "insufficient")


@pytest.mark.parametrize("rows", [0])
def test_an_empty_service_is_insufficient_never_pass(db, rows):
    oversight_run(period_days=30)
    verdicts = set(MonitorRecord.objects.filter(team="").values_list("verdict", flat=True))
    assert verdicts and verdicts <= {"insufficient"}


def test_an_auto_pause_rule_pauses_notifies_and_waits_for_a_person(
    population, make_user, tmp_path, monkeypatch
):
    from openpes.oversight import DEFAULT_POLICY_PATH
    from openpes.web.oversight.models import SystemPause
    from openpes.web.oversight.selectors import pause_state
    from openpes.web.oversight.services import system_pause_confirm

    policy = tmp_path / "policy.toml"
    policy.write_text(
        DEFAULT_POLICY_PATH.read_text().replace(
            'metric = "less_support_rate"\nthreshold = 0.05\nmin_group_size = 50\n'
            'severity = "fail"\nauto_pause = false',
            'metric = "less_support_rate"\nthreshold = 0.05\nmin_group_size = 50\n'
            'severity = "fail"\nauto_pause = true',
        )
    )
    assert "auto_pause = true" in policy.read_text()
    monkeypatch.setenv("OPENPES_OVERSIGHT_POLICY", str(policy))
    population()
    officer = make_user(Role.OVERSIGHT, email="officer@example.org")
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    outcome = oversight_run(period_days=30)
    assert outcome.paused == ["support_needs"]
    assert pause_state("support_needs", team=None).paused
    assert not pause_state("matching", team=None).paused
    pause = SystemPause.objects.get()
    assert pause.automatic and pause.alert.metric == "less_support_rate"
    assert any("paused automatically" in m.subject for m in mail.outbox)
    assert AuditEvent.objects.filter(action="oversight.system_auto_paused").count() == 1
    system_pause_confirm(pause=pause, actor=officer, reason="Keep it paused while we review")
    pause.refresh_from_db()
    assert pause.confirmed_by == officer.username and pause.active
    # A second run with the alert still open neither pauses again nor raises it again.
    assert oversight_run(period_days=30).paused == []
