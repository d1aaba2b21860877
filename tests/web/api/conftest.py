from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture
def api_token(db):
    """Make a token with the given scopes; returns its clear secret."""
    from openpes.web.integrations.services import token_create

    def make(*scopes: str, account: str = "backoffice") -> str:
        return token_create(actor=None, account_name=account, scopes=scopes)[1]

    return make


@pytest.fixture
def api(api_token):
    """A client whose requests carry a token with the given scopes."""

    def make(*scopes: str, account: str = "backoffice") -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_token(*scopes, account=account)}")
        return client

    return make


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


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
