"""An account created outside the admin (``createsuperuser``, a script) is in the trail."""

from __future__ import annotations

import getpass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from openpes.web.accounts.enums import Role
from openpes.web.trail.enums import Action
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify

pytestmark = pytest.mark.django_db


def test_createsuperuser_writes_the_account_to_the_trail():
    call_command(
        "createsuperuser", interactive=False, username="root-admin", email="it@pes.example"
    )
    user = get_user_model().objects.get(username="root-admin")
    (event,) = AuditEvent.objects.filter(action=Action.ACCOUNT_CREATED)
    assert event.subject == f"user:{user.pk}"
    # Who ran the command: the operating-system user, as the CLI's other trail events name it.
    assert event.actor == f"cli:{getpass.getuser()}"
    assert event.details == {"superuser": True, "staff": True}
    assert "root-admin" not in str(event.details) and "it@pes" not in str(event.details)
    assert trail_verify().intact


def test_an_account_added_through_the_admin_is_recorded_once(make_user):
    client = Client()
    client.force_login(make_user(Role.ADMIN), backend="django.contrib.auth.backends.ModelBackend")
    before = AuditEvent.objects.filter(action=Action.ACCOUNT_CREATED).count()
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "new-counsellor",
            "password1": "a-long-Passphrase-42",
            "password2": "a-long-Passphrase-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="new-counsellor")
    added = AuditEvent.objects.filter(action=Action.ADMIN_ADDED, subject=f"auth.user:{user.pk}")
    assert added.count() == 1
    # The admin's own event names the administrator; no second one for the same account.
    assert AuditEvent.objects.filter(action=Action.ACCOUNT_CREATED).count() == before
    assert trail_verify().intact
