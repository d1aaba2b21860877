"""Forgot password: Django's reset flow by mail, the change recorded in the trail."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.trail.models import AuditEvent


def test_a_mailed_link_sets_a_new_password(make_user):
    user = make_user(Role.JOBSEEKER, email="ana@example.org")
    client = Client()
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()
    client.post(reverse("password_reset"), {"email": "ana@example.org"})
    client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1, "no mail, and no hint, for an unknown address"
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a-fresh-and-long-passphrase"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Your password was changed." in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(action="auth.password_changed", details__kind="password.reset")
    assert "expired" in client.get(link, follow=True).content.decode(), "a link works once"
