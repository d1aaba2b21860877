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


@pytest.fixture(autouse=True)
def _default_language():
    # Django keeps a request's language active on the thread after the request; a Latvian
    # page in one test must not make the next test's messages Latvian.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_taxonomy_memo():
    # The per-request memo of imported taxonomies starts empty in every test, as it does in
    # every request; tests that call label_of outside a request would otherwise share it.
    from openpes.web.caseload.taxonomy import forget_found

    forget_found()


@pytest.fixture
def api_token(db):
    """Make a token with the given scopes; returns its clear secret."""
    from openpes.web.integrations.services import token_create

    def make(*scopes: str, account: str = "backoffice") -> str:
        return token_create(actor=None, account_name=account, scopes=scopes)[1]

    return make


@pytest.fixture
def connection_kept():
    """As Django's test client does: requests must not close the test's open transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
