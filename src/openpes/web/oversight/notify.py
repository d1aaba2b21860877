"""Mail to the oversight officers, through Django's mail framework.

Development prints mail to the console; production sends it over SMTP configured by the
``OPENPES_EMAIL_*`` settings (docs/deployment.md).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpes.fairness import verdict_text
from openpes.i18n import LocalisedText
from openpes.oversight import describe_group, describe_metric, monitor_name
from openpes.web.accounts.enums import Role
from openpes.web.oversight.models import AISystem, system_label

logger = logging.getLogger(__name__)


def oversight_recipients() -> list[str]:
    """Every active oversight officer and administrator with an e-mail address.

    A superuser holds the administrator role without its group (``user_roles``), as the
    first administrator does when made with ``openpes manage createsuperuser``.
    """
    users = get_user_model().objects.filter(
        Q(groups__name__in=[Role.OVERSIGHT.value, Role.ADMIN.value]) | Q(is_superuser=True),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _send(subject: str, body: str) -> int:
    recipients = oversight_recipients()
    if not recipients:
        logger.warning("no oversight officer has an e-mail address; mail not sent: %s", subject)
        return 0
    # A failing mail server must not undo the run: the alerts are stored and on the dashboard.
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError as exc:
        # A mail server's refusal is an operations matter, said in one line: a traceback
        # on the console of `openpes oversight run` would bury what to check.
        logger.error(
            "could not send the oversight mail %r to %d recipient(s) (%s); the alerts are "
            "stored and on the dashboard. Check OPENPES_EMAIL_HOST, OPENPES_EMAIL_PORT and "
            "OPENPES_EMAIL_USE_TLS (docs/deployment.md).",
            subject,
            len(recipients),
            exc or type(exc).__name__,
        )
        return 0


def _figure(value: float | None, text: LocalisedText) -> str:
    # Written as the service's language writes numbers (0,400 in French), three decimals.
    return "–" if value is None else text.number(value, 3)


def _system_names(keys: set[str]) -> dict[str, str]:
    """The systems' names as the dashboard gives them (a key with no row, as written)."""
    names = {s.key: s.label for s in AISystem.objects.filter(key__in=keys)}
    return {key: names.get(key) or system_label(key, key) for key in keys}


def _monitor_name(monitor: str) -> str:
    # The core's names, the dashboard's too; the mail is written in the site's language.
    return monitor_name(monitor, settings.LANGUAGE_CODE)


# Worst first: an officer reads the failing groups before the warnings.
_SEVERITY = {"fail": 0, "warn": 1}
INSUFFICIENT = "insufficient"


def _subject(real: int, lacking: int) -> str:
    subject = ngettext(
        "OpenPES oversight: %(count)d new alert",
        "OpenPES oversight: %(count)d new alerts",
        real,
    ) % {"count": real}
    if not lacking:
        return subject
    return _("%(alerts)s; %(lacking)s") % {
        "alerts": subject,
        "lacking": ngettext(
            "not enough data yet for %(count)d group",
            "not enough data yet for %(count)d groups",
            lacking,
        )
        % {"count": lacking},
    }


def _alert_line(alert: Any, systems: dict[str, str], text: LocalisedText) -> str:
    return _(
        "%(verdict)s · %(system)s · %(monitor)s · %(group)s: %(metric)s %(value)s "
        "(95%% interval %(low)s–%(high)s), reference %(reference)s; rule: %(rule)s"
    ) % {
        "verdict": verdict_text(alert.verdict, settings.LANGUAGE_CODE).upper(),
        "system": systems[alert.system_key],
        "monitor": _monitor_name(alert.monitor),
        # As on the officers' pages: the words, then the codes they write
        # policies with, "Origine hors UE (origin=non_eu)".
        "group": describe_group(alert.attribute, alert.group, settings.LANGUAGE_CODE, codes=True),
        "metric": describe_metric(alert.metric, settings.LANGUAGE_CODE, codes=True),
        "value": _figure(alert.value, text),
        "low": _figure(alert.low, text),
        "high": _figure(alert.high, text),
        "reference": _figure(alert.reference_value, text),
        "rule": alert.rule,
    }


def _lacking_groups(alerts: Sequence[Any]) -> dict[str, list[str]]:
    """Per system, each monitor's group without enough data, once (not once per metric)."""
    groups: dict[str, dict[tuple[str, str, str], str]] = {}
    for alert in alerts:
        key = (alert.monitor, alert.attribute, alert.group)
        groups.setdefault(alert.system_key, {}).setdefault(
            key,
            _("%(monitor)s: %(group)s")
            % {
                "monitor": _monitor_name(alert.monitor),
                "group": describe_group(
                    alert.attribute, alert.group, settings.LANGUAGE_CODE, codes=True
                ),
            },
        )
    return {system: list(named.values()) for system, named in groups.items()}


def alerts_mail(*, alerts: Sequence[Any], run: Any) -> int:
    """One mail for a run's new alerts: the failing and warning ones first, worst first.

    The groups without enough data to judge (most of them on a new installation) follow in
    one line per system, so that the real alerts are not lost among them.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = LocalisedText("openpes.oversight", settings.LANGUAGE_CODE)
        real = sorted(
            (a for a in alerts if a.verdict != INSUFFICIENT),
            key=lambda a: _SEVERITY.get(a.verdict, len(_SEVERITY)),
        )
        lacking = _lacking_groups([a for a in alerts if a.verdict == INSUFFICIENT])
        subject = _subject(len(real), sum(len(groups) for groups in lacking.values()))
        lines = [
            _("The oversight monitors raised new alerts for %(start)s to %(end)s.")
            % {"start": f"{run.period_start:%Y-%m-%d}", "end": f"{run.period_end:%Y-%m-%d}"},
            "",
        ]
        systems = _system_names({alert.system_key for alert in alerts})
        lines += [_alert_line(alert, systems, text) for alert in real]
        for system_key, groups in lacking.items():
            lines.append(
                ngettext(
                    "%(system)s: not enough data yet to judge %(count)d group: %(groups)s",
                    "%(system)s: not enough data yet to judge %(count)d groups: %(groups)s",
                    len(groups),
                )
                % {"system": systems[system_key], "count": len(groups), "groups": "; ".join(groups)}
            )
        lines += ["", _("Acknowledge or resolve them on the oversight dashboard (/oversight/).")]
        return _send(subject, "\n".join(lines))


def auto_pause_mail(*, systems: Sequence[str]) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("OpenPES oversight: an AI system was paused automatically")
        body = "\n".join(
            [
                _("A policy rule paused these AI systems: %(systems)s.")
                % {"systems": ", ".join(systems)},
                _(
                    "Counsellors now work without their output. An oversight officer must "
                    "confirm the pause or resume the system on the oversight dashboard "
                    "(/oversight/)."
                ),
            ]
        )
        return _send(subject, body)
