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


def _body(make_user, settings, language: str, alert: Alert) -> str:
    settings.LANGUAGE_CODE = language
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=[alert], run=run) == 1
    return mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Support-needs model",
                "How counsellors decide",
                "Non-EU origin (origin=non_eu)",
                "moved to less support (less_support_rate)",
            ],
        ),
        (
            "fr",
            [
                "Modèle des besoins d'accompagnement",
                "Comment les conseillers décident",
                "Origine hors UE (origin=non_eu)",
                "passé à moins d'accompagnement (less_support_rate)",
            ],
        ),
    ],
)
def test_the_mail_names_system_monitor_group_and_metric_as_the_officers_pages_do(
    make_user, settings, language, words
):
    """Words, then the codes an officer writes policies with, as on the dashboard."""
    body = _body(make_user, settings, language, _alert())
    for expected in words:
        assert expected in body, (expected, body)
    for bare in ("support_needs ·", "human_decisions ·", "origin = non_eu", ": less_support_rate"):
        assert bare not in body, (bare, body)


def test_an_unknown_attribute_and_metric_keep_their_codes(make_user, settings):
    alert = _alert()
    alert.attribute, alert.group, alert.metric = "region", "north", "own_metric"
    alert.system_key, alert.monitor = "third_system", "own_monitor"
    body = _body(make_user, settings, "fr", alert)
    assert "region : north (region=north)" in body and "own_metric" in body, body
    assert "third_system" in body and "own_monitor" in body, body


def test_an_administrator_made_with_createsuperuser_gets_the_alert_mail(db):
    # docs/deployment.md makes the first administrator with `openpes manage createsuperuser`:
    # a superuser in no role group, who holds the administrator role all the same.
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", "root@example.org", "a-long-password")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=[_alert()], run=run) == 1
    assert [m.to for m in mail.outbox] == [["root@example.org"]]


def test_a_mail_server_that_refuses_is_one_line_in_the_log_not_a_traceback(
    make_user, settings, caplog
):
    import logging
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    with caplog.at_level(logging.WARNING, logger="openpes.web.oversight.notify"):
        assert alerts_mail(alerts=[_alert()], run=run) == 0
    (record,) = caplog.records
    assert record.exc_info is None, "a refused connection is no programming error"
    message = record.getMessage()
    assert "OpenPES oversight: 1 new alert" in message and "refused" in message.lower(), message
    assert "OPENPES_EMAIL_HOST" in message and "dashboard" in message, message


def _insufficient(system_key: str, monitor: str, attribute: str, group: str) -> Alert:
    alert = _alert()
    alert.system_key, alert.monitor, alert.attribute, alert.group = (
        system_key,
        monitor,
        attribute,
        group,
    )
    alert.verdict, alert.value, alert.low, alert.high, alert.reference_value = (
        "insufficient",
        None,
        None,
        None,
        None,
    )
    return alert


def _first_run_alerts() -> list[Alert]:
    """As on a new installation: one real alert among many without enough data."""
    fail = _alert()
    fail.verdict, fail.group = "fail", "eu"
    missing = [
        _insufficient("support_needs", "human_decisions", "overall", "overall"),
        _insufficient("support_needs", "human_decisions", "sex", "female"),
        # A second metric of the same group is the same group still lacking data.
        _insufficient("support_needs", "human_decisions", "sex", "female"),
        _insufficient("support_needs", "performance", "overall", "overall"),
        _insufficient("matching", "human_decisions", "overall", "overall"),
    ]
    return [missing[0], _alert(), missing[1], fail, *missing[2:]]


def test_real_alerts_come_first_and_missing_data_is_one_line_per_system(make_user, settings):
    settings.LANGUAGE_CODE = "en"
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=_first_run_alerts(), run=run) == 1
    (message,) = mail.outbox
    assert message.subject == "OpenPES oversight: 2 new alerts; not enough data yet for 4 groups"
    lines = [line for line in message.body.splitlines() if line]
    # The worst first: the failing group, then the warning, then the summaries.
    assert lines[1].startswith("FAIL · ") and "(origin=eu)" in lines[1], lines
    assert lines[2].startswith("WARN · ") and "(origin=non_eu)" in lines[2], lines
    assert lines[3] == (
        "Support-needs model: not enough data yet to judge 3 groups: "
        "How counsellors decide: Everyone (overall); How counsellors decide: Women (sex=female); "
        "How the model performs for each group: Everyone (overall)"
    ), lines
    assert lines[4].startswith("Matching") and "judge 1 group: " in lines[4], lines
    assert "INSUFFICIENT" not in message.body, message.body
    assert len(lines) == 6, lines


@pytest.mark.parametrize(
    ("language", "subject", "summary"),
    [
        (
            "fr",
            "Supervision OpenPES : 2 nouvelles alertes ; "
            "pas encore assez de données pour 4 groupes",
            "pas encore assez de données pour juger 3 groupes",
        ),
        (
            "lv",
            "OpenPES uzraudzība: 2 jaunas trauksmes; vēl nepietiek datu 4 grupām",
            "vēl nepietiek datu, lai vērtētu 3 grupas",
        ),
    ],
)
def test_the_summary_is_in_the_services_language(make_user, settings, language, subject, summary):
    settings.LANGUAGE_CODE = language
    make_user(Role.OVERSIGHT, email="officer@example.org")
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    run = MonitorRun(period_start=start, period_end=start + dt.timedelta(days=29))
    assert alerts_mail(alerts=_first_run_alerts(), run=run) == 1
    (message,) = mail.outbox
    assert message.subject == subject
    assert summary in message.body, message.body
