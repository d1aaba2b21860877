from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


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
