"""``openpes accounts jobseeker``: a job seeker's own account, opened by a link by mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from openpes.web.caseload.models import JobSeeker
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.cli.console import run_in_process
from tests.web.factories import JobSeekerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-new-passphrase-2026"


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.OPENPES_BASE_URL = "https://openpes.pes.example"
    mail.outbox = []


def _link(message) -> str:
    found = re.search(r"https://openpes\.pes\.example(/\S+)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_person_gets_a_link_sets_a_password_and_reaches_their_own_page(monkeypatch, capsys):
    person = JobSeekerFactory(first_name="Ada")
    code, out = run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", "Ada@Example.org"],
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    assert "ada@example.org" in out and person.reference in out
    person.refresh_from_db()
    assert person.user.username == "ada@example.org" and not person.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"] and "Hello Ada" in message.body
    client = Client()
    form = client.get(_link(message), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done.status_code == 302, done.content
    signed_in = client.post(reverse("login"), {"username": "ada@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.content
    page = client.get(reverse("jobseeker_home"))
    assert page.status_code == 200 and person.reference in page.content.decode()
    event = AuditEvent.objects.get(action="account.linked")
    assert event.subject == f"jobseeker:{person.reference}" and event.actor == "cli:accounts"
    assert "ada@example.org" not in str(event.details), "no address in the trail"
    assert trail_verify().intact


def test_asking_again_sends_a_new_link_to_the_same_account(monkeypatch, capsys):
    person = JobSeekerFactory()
    args = ["accounts", "jobseeker", person.reference, "--email", "bo@example.org"]
    run_in_process(args, monkeypatch, capsys)
    code, out = run_in_process(args, monkeypatch, capsys)
    assert code == 0 and "already has the account" in out, out
    assert len(mail.outbox) == 2 and AuditEvent.objects.filter(action="account.linked").count() == 1


@pytest.mark.parametrize(
    ("email", "says"),
    [("not-an-address", "is not an e-mail address"), ("taken@example.org", "another account")],
)
def test_a_bad_or_taken_address_is_refused_and_nothing_changes(monkeypatch, capsys, email, says):
    UserFactory(username="someone", email="taken@example.org")
    person = JobSeekerFactory()
    code, out = run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", email], monkeypatch, capsys
    )
    assert code == 2 and "error: " in out and says in out, out
    assert JobSeeker.objects.get(pk=person.pk).user is None and not mail.outbox


def test_an_unknown_reference_or_another_address_for_a_linked_person_is_refused(
    monkeypatch, capsys
):
    code, out = run_in_process(
        ["accounts", "jobseeker", "JS-NOPE", "--email", "x@example.org"], monkeypatch, capsys
    )
    assert code == 2 and "no job seeker has the reference JS-NOPE" in out, out
    person = JobSeekerFactory()
    run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", "a@example.org"],
        monkeypatch,
        capsys,
    )
    code, out = run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", "b@example.org"],
        monkeypatch,
        capsys,
    )
    assert code == 2 and "already has an account, with another e-mail address" in out, out


def test_production_without_a_mail_server_refuses_before_anything(settings, monkeypatch, capsys):
    settings.PRODUCTION = True
    settings.MAILERS = {"default": {"BACKEND": "openpes.web.console_mail.EmailBackend"}}
    person = JobSeekerFactory()
    code, out = run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", "c@example.org"],
        monkeypatch,
        capsys,
    )
    assert code == 2 and "no mail server" in out, out
    assert JobSeeker.objects.get(pk=person.pk).user is None


def test_an_unreachable_mail_server_leaves_no_account(settings, monkeypatch, capsys):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    person = JobSeekerFactory()
    code, out = run_in_process(
        ["accounts", "jobseeker", person.reference, "--email", "d@example.org"],
        monkeypatch,
        capsys,
    )
    assert code == 2 and "the mail could not be sent" in out and "nothing was changed" in out, out
    assert JobSeeker.objects.get(pk=person.pk).user is None
    assert not AuditEvent.objects.filter(action="account.linked").exists()
