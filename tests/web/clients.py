"""A test client signed in as a user, without the login form (and so without axes)."""

from __future__ import annotations

from django.test import Client


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
