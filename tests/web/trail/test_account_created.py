"""An account created outside the admin and the app's services is one ``account.created`` event.

``openpes manage createsuperuser`` or a script calling ``create_user`` would otherwise leave no
trace; the admin (``admin.added``) and the services (``user_create``, which the demo and the
test factories use, and ``jobseeker_account_link``'s ``account.linked``) keep their own events.
"""

from __future__ import annotations

import getpass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.services import jobseeker_account_link
from openpes.web.trail.enums import Action
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import JobSeekerFactory

pytestmark = pytest.mark.django_db


def _created() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.ACCOUNT_CREATED))


def test_createsuperuser_writes_one_account_created_event(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-Passphrase-42")
    before = AuditEvent.objects.count()
    call_command(
        "createsuperuser",
        interactive=False,
        username="root-admin",
        email="it-admin@pes.example",
        verbosity=0,
    )
    user = get_user_model().objects.get(username="root-admin")
    assert user.is_superuser and user.check_password("a-long-Passphrase-42")
    assert AuditEvent.objects.count() == before + 1
    (event,) = _created()
    assert event.subject == f"user:{user.pk}"
    # As the CLI's other events: who ran it is the operating-system user.
    assert event.actor == f"cli:{getpass.getuser()}"
    # The id and the user name only: no e-mail address, no password hash.
    assert event.details == {"username": "root-admin"}
    assert "it-admin@pes.example" not in str(event.details)
    assert trail_verify().intact


def test_a_plain_create_user_in_a_script_writes_one_event():
    user = get_user_model().objects.create_user("scripted", "s@pes.example", "a-long-pass-42")
    (event,) = _created()
    assert event.subject == f"user:{user.pk}"
    assert event.details == {"username": "scripted"}
    # Saving the account again (a change, not a creation) writes nothing more.
    user.first_name = "Changed"
    user.save()
    assert len(_created()) == 1
    assert trail_verify().intact


def test_an_account_made_by_the_services_writes_no_extra_event(make_user):
    before = AuditEvent.objects.count()
    user_create(username="svc-counsellor", password=None, role=Role.COUNSELLOR)
    user_create(username="svc-admin", password=None, role=Role.ADMIN)
    make_user(Role.TEAM_LEAD)  # the test factories go through user_create
    assert AuditEvent.objects.count() == before
    assert _created() == []


def test_linking_a_job_seeker_keeps_its_single_account_linked_event():
    seeker = JobSeekerFactory()
    before = AuditEvent.objects.count()
    user, created = jobseeker_account_link(
        actor="cli:accounts", jobseeker=seeker, email="Person@Example.org"
    )
    assert created
    assert AuditEvent.objects.count() == before + 1
    (event,) = AuditEvent.objects.filter(position__gt=0).order_by("-position")[:1]
    assert event.action == Action.ACCOUNT_LINKED
    assert _created() == []


def test_an_account_added_through_the_admin_is_recorded_once(make_user):
    client = Client()
    client.force_login(make_user(Role.ADMIN), backend="django.contrib.auth.backends.ModelBackend")
    before = AuditEvent.objects.count()
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
    assert _created() == []
    assert AuditEvent.objects.count() == before + 1
    assert trail_verify().intact


def test_loaddata_restores_accounts_without_creating_events(tmp_path):
    fixture = tmp_path / "users.json"
    fixture.write_text(
        '[{"model": "auth.user", "pk": 900, "fields": {"username": "restored",'
        ' "password": "!", "date_joined": "2026-01-01T00:00:00Z"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert get_user_model().objects.filter(username="restored").exists()
    assert _created() == []
