from __future__ import annotations

import pytest
from django.test import Client

from openpes.web.accounts.enums import Role
from tests.web.factories import JobSeekerFactory, UserFactory
from tests.web.shared_fixtures import (  # noqa: F401  (fixtures, shared with the browser tests)
    _test_catalogue,
    catalogue_dir,
    model_dir,
    support_model_installed,
)

ROLES = list(Role)


@pytest.fixture
def make_user(db):
    def make(role: Role = Role.COUNSELLOR, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def client_for(make_user):
    """A logged-in test client for a role (``None`` gives an anonymous client)."""

    def make(role: Role | None) -> Client:
        client = Client()
        if role is not None:
            user = make_user(role)
            if role == Role.JOBSEEKER:
                # A job seeker login always belongs to a registration.
                JobSeekerFactory(user=user)
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers cost ~0.5 s per user on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_trail_anchors(settings, tmp_path):
    # Every test has its own anchor store: an anchor of another test's trail would not match.
    settings.OPENPES_TRAIL_ANCHORS = str(tmp_path / "trail-anchors.txt")
