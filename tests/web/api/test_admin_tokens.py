from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from openpes.web.accounts.enums import Role
from openpes.web.integrations.models import ApiToken
from openpes.web.integrations.services import token_create, token_digest
from openpes.web.trail.models import AuditEvent


def test_an_administrator_creates_lists_and_revokes_tokens(client_for, api):
    admin = client_for(Role.ADMIN)
    response = admin.post(
        "/admin/integrations/apitoken/add/",
        {"account_name": "eures-feed", "label": "EURES", "scopes": ["vacancies:write"]},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(account__name="eures-feed")
    shown = [str(m) for m in get_messages(response.wsgi_request)] + [response.content.decode()]
    secret = next(
        word.strip(".<>\"'")
        for text in shown
        for word in text.split()
        if word.startswith("opes_") and len(word) > 20
    )
    assert token_digest(secret) == token.digest and token.scopes == ["vacancies:write"]
    listing = admin.get("/admin/integrations/apitoken/")
    assert token.prefix in listing.content.decode() and secret not in listing.content.decode()
    admin.post(
        "/admin/integrations/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api.token_created", "api.token_revoked"} <= actions


def test_other_roles_cannot_reach_the_token_admin(client_for):
    for role in (Role.COUNSELLOR, Role.OVERSIGHT):
        assert client_for(role).get("/admin/integrations/apitoken/").status_code == 403


@pytest.mark.parametrize(
    ("count", "language", "expected"),
    [
        (1, "lv", "Atsaukts 1 tokens."),
        (2, "lv", "Atsaukti 2 tokeni."),
        (1, "fr", "1 jeton révoqué."),
        (1, "en", "1 token revoked."),
        (2, "en", "2 tokens revoked."),
    ],
)
def test_the_revoked_count_reads_right_for_one_and_more(client_for, count, language, expected):
    admin = client_for(Role.ADMIN)
    tokens = [
        token_create(actor=None, account_name="feed", scopes=["vacancies:write"])[0]
        for _ in range(count)
    ]
    response = admin.post(
        "/admin/integrations/apitoken/",
        {"action": "revoke_tokens", "_selected_action": [t.pk for t in tokens]},
        HTTP_ACCEPT_LANGUAGE=language,
        follow=True,
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
