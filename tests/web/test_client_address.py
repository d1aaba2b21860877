"""Behind the trusted proxy, throttling and the trail use the real client's address."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from openpes.web.accounts.client_address import client_address
from openpes.web.trail.models import AuditEvent
from tests.web.factories import PASSWORD

PROXY = "127.0.0.1"


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], PROXY, "203.0.113.5", PROXY),  # no proxy configured: the header is ignored
        ([PROXY], PROXY, "203.0.113.5", "203.0.113.5"),
        ([PROXY], PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # left part is forgeable
        ([PROXY], "198.51.100.9", "203.0.113.5", "198.51.100.9"),  # not from the proxy
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.5, 10.4.5.6", "203.0.113.5"),
        ([PROXY], PROXY, "not-an-address", PROXY),
        ([PROXY], PROXY, "", PROXY),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.OPENPES_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def _login(client, username, password, ip):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ip,
    )


@pytest.mark.django_db
def test_one_client_behind_the_proxy_cannot_lock_out_another(settings, make_user):
    settings.OPENPES_TRUSTED_PROXIES = [PROXY]
    user = make_user()
    attacker, owner = Client(), Client()
    for _ in range(6):
        _login(attacker, user.username, "wrong", "203.0.113.5")
    assert _login(attacker, user.username, PASSWORD, "203.0.113.5").status_code == 429
    assert _login(owner, user.username, PASSWORD, "198.51.100.7").status_code == 302
    failed = AuditEvent.objects.filter(action="auth.login_failed").first()
    assert failed.details["ip"] == "203.0.113.5", "the trail records the client, not the proxy"


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_header_changes_nothing(settings, make_user):
    settings.OPENPES_TRUSTED_PROXIES = []
    user = make_user()
    client = Client()
    for n in range(6):
        # A different forged address on every try must not dodge the throttle.
        _login(client, user.username, "wrong", f"203.0.113.{n}")
    assert _login(client, user.username, PASSWORD, "198.51.100.7").status_code == 429
