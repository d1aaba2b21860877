from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from openpes.web.accounts.enums import Role
from openpes.web.trail.models import AuditEvent
from tests.web.access_matrix import ANON, MATRIX, NOT_GET_PAGES

CASES = [
    (name, who, status) for name, expected in MATRIX.items() for who, status in expected.items()
]


@pytest.mark.parametrize(("url_name", "who", "status"), CASES)
def test_role_url_matrix(client_for, url_name, who, status):
    client = client_for(None if who == ANON else Role(who))
    response = client.get(reverse(url_name))
    assert response.status_code == status, f"{who} GET {url_name}"
    if who == ANON and status == 302:
        assert response["Location"].startswith(reverse("login")), "anonymous must go to login"


@pytest.mark.parametrize("who", [r for r in Role])
def test_refusals_are_written_to_the_trail(client_for, who):
    client = client_for(who)
    refused = [name for name, expected in MATRIX.items() if expected[who.value] == 403]
    for name in refused:
        client.get(reverse(name))
    denied = AuditEvent.objects.filter(action="access.denied").values_list("subject", flat=True)
    assert sorted(denied) == sorted(f"path:{reverse(name)}" for name in refused)


def _argument_free_url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue  # admin's own pages are guarded as one site; admin:index stands for it
            yield from _argument_free_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield f"{namespace}{pattern.name}"


def test_every_page_is_in_the_matrix():
    names = set(_argument_free_url_names(get_resolver())) - NOT_GET_PAGES
    missing = names - set(MATRIX)
    assert not missing, f"add these URLs to tests/web/access_matrix.py: {sorted(missing)}"
