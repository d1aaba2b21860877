"""The alert mail's subject counts its alerts the way the service's language counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from openpes.web.accounts.enums import Role
from openpes.web.oversight.models import Alert, MonitorRun
from openpes.web.oversight.notify import alerts_mail


def _alert() -> Alert:
    return Alert(
        system_key="support_needs",
        monitor="human_decisions",
        attribute="origin",
        group="non_eu",
        metric="less_support_rate",
        value=0.4,
        low=0.3,
        high=0.5,
        reference_value=0.2,
        verdict="warn",
        rule="ratio below 0.8",
    )


@pytest.mark.parametrize(
    ("count", "language", "subject"),
    [
        (1, "en", "OpenPES oversight: 1 new alert"),
        (2, "en", "OpenPES oversight: 2 new alerts"),
        (1, "lv", "OpenPES uzraudzība: 1 jauna trauksme"),
        (11, "lv", "OpenPES uzraudzība: 11 jaunas trauksmes"),
        (1, "fi", "OpenPES-valvonta: 1 uusi hälytys"),
    ],
)
def test_the_subject_agrees_with_the_number_of_alerts(
    make_user, settings, count, language, subject
):
    settings.LANGUAGE_CODE = language
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=[_alert() for _ in range(count)], run=run) == 1
    assert [m.subject for m in mail.outbox] == [subject]


def test_the_figures_and_verdict_are_written_in_the_services_language(make_user, settings):
    settings.LANGUAGE_CODE = "fr"
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=[_alert()], run=run) == 1
    body = mail.outbox[0].body
    assert "0,400" in body and "0,300" in body and "0,200" in body, body
    assert "0.400" not in body and "WARN" not in body, body
