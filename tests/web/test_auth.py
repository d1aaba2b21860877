from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import PASSWORD


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("position").values_list("action", flat=True))


def test_login_logout_are_recorded_and_land_on_the_role_home(make_user):
    user = make_user(Role.TEAM_LEAD)
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("team_home")
    client.post(reverse("logout"))
    assert _actions() == ["auth.login", "auth.logout"]
    login = AuditEvent.objects.get(action="auth.login")
    assert (login.actor, login.role) == (user.username, "team_lead")
    assert trail_verify().intact


def test_failed_logins_are_recorded_and_throttled(make_user):
    user = make_user(Role.COUNSELLOR)
    client = Client()
    for _ in range(4):
        response = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
        assert response.status_code == 200
    fifth = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert fifth.status_code == 429, "the fifth failure locks the account"
    locked = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "auth.login" not in _actions(), (
        "a locked-out user must not get in, even with the right password"
    )
    assert _actions().count("auth.login_failed") >= 5
    assert "auth.locked_out" in _actions()


def test_login_form_errors_are_tied_to_the_form(make_user):
    response = Client().post(reverse("login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_username_errors"' in html


def test_password_change_is_recorded(make_user):
    user = make_user(Role.JOBSEEKER)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    new = "a-much-longer-new-passphrase"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert "auth.password_changed" in _actions()


def test_healthz_reports_the_database(db, client):
    response = client.get(reverse("healthz"))
    body = response.json()
    assert response.status_code == 200
    assert body["database"]["status"] == "ok" and body["database"]["pending_migrations"] == 0


def test_healthz_does_not_tell_the_version(db, client):
    assert "version" not in client.get(reverse("healthz")).json()


@pytest.mark.parametrize("host", ["10.0.0.7", "10.0.0.7:8000"])
def test_healthz_answers_plain_http_ip_probes_in_production(db, client, settings, host):
    settings.ALLOWED_HOSTS = ["pes.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    # Any other page keeps the host check.
    assert client.get("/accounts/login/", HTTP_HOST=host).status_code == 400


@pytest.mark.parametrize("path", ["/caseload/", "/", "/admin/"])
def test_pages_for_signed_in_people_are_not_stored(make_user, path):
    client = Client()
    client.force_login(
        make_user(Role.COUNSELLOR), backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.get(path)
    assert "no-store" in response.headers.get("Cache-Control", ""), (path, response.status_code)
