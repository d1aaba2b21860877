"""``oversight_run`` on the live records: a planted bias in counsellors' overrides raises
an alert naming the group; a world without bias raises none."""

from __future__ import annotations

import pytest
from django.core import mail

from openpes.web.accounts.enums import Role
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight.models import Alert, MonitorRecord, MonitorRun
from openpes.web.oversight.monitoring import oversight_run
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
    # Stored: the run, one record per monitor with its report in every language.
    record = MonitorRecord.objects.get(system_key="support_needs", monitor="human_decisions")
    assert record.verdict in ("warn", "fail") and set(record.documents) == {
        "en",
        "fr",
        "de",
        "nl",
        "es",
    }
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
        MonitorRecord.objects.filter(system_key="support_needs").values_list("monitor", "verdict")
    )
    assert verdicts["human_decisions"] in ("pass", "insufficient")


@pytest.mark.parametrize("rows", [0])
def test_an_empty_service_is_insufficient_never_pass(db, rows):
    oversight_run(period_days=30)
    verdicts = set(MonitorRecord.objects.values_list("verdict", flat=True))
    assert verdicts and verdicts <= {"insufficient"}
