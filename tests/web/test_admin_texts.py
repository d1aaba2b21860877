"""The Django admin reads in every shipped language, including the texts Django's own admin
catalogue leaves untranslated in some of them ("Search %(name)s" in German, Dutch, Spanish and
Finnish, the sidebar and the user pages in Malay).

The walk signs in as an administrator, opens every page our admin can show (index, each app,
each registered model's list, add and change forms, a delete confirmation with related and
protected objects, history, the password pages, forms sent back with errors) and records every
text the pages ask a catalogue for. A text of Django's that no catalogue translates into the
page's language fails. The scripts those pages load are checked the same way: each text they
can show must be in the JavaScript catalogue the admin serves them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import django
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from babel.messages.extract import extract_javascript
from babel.messages.pofile import read_po
from django.contrib import admin as django_admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

from openpes.i18n import LANGUAGES
from openpes.web.accounts.enums import Role
from openpes.web.accounts.models import Team, TeamMembership
from openpes.web.accounts.services import user_create
from openpes.web.integrations.services import token_create
from openpes.web.ui.admin_site import OpenPESAdminSite
from tests.test_translations import (
    AXES_ADMIN_TEXTS_WE_TRANSLATE,
    DJANGO_ADMIN_SCRIPT_TEXTS_WE_TRANSLATE,
    DJANGO_ADMIN_TEXTS_WE_TRANSLATE,
    axes_msgids,
)
from tests.web.factories import PASSWORD, JobSeekerFactory

pytestmark = pytest.mark.django_db

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
DJANGO_DIR = Path(django.__file__).parent
ADMIN_STATIC = DJANGO_DIR / "contrib" / "admin" / "static"


@cache
def _django_keys(domain: str) -> frozenset[str]:
    """Django's own msgids in ``domain``, as a catalogue keys them (``context\\x04msgid``)."""
    keys = set()
    for po in DJANGO_DIR.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
        with po.open("rb") as handle:
            for message in read_po(handle):
                msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                if msgid:
                    keys.add(f"{message.context}\x04{msgid}" if message.context else msgid)
    return frozenset(keys)


class _Lookups:
    """Every msgid the pages ask a translated catalogue for, with the pages that asked."""

    def __init__(self) -> None:
        self.asked: dict[str, set[str]] = {}  # msgid -> the pages that asked for it
        self.page = ""

    def wrap(self, method: Callable[..., str]) -> Callable[..., str]:
        def recording(catalogue, msgid, *args):  # type: ignore[no-untyped-def]
            if catalogue.language() != "en":
                self.asked.setdefault(msgid, set()).add(self.page)
            return method(catalogue, msgid, *args)

        return recording


def _untranslated(language: str, keys: set[str]) -> set[str]:
    """The texts of Django's and of django-axes's among ``keys`` that no catalogue translates."""
    catalogue = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    theirs = _django_keys("django") | axes_msgids()
    return {
        key
        for key in keys
        if key in theirs and catalogue.get(key) is None and catalogue.get((key, 0)) is None
    }


@pytest.fixture
def admin_world():
    """An administrator and one of each thing the admin pages list, change and delete."""
    admin = user_create(username="root", password=PASSWORD, role=Role.ADMIN)
    lead = user_create(username="lead", password=PASSWORD, role=Role.TEAM_LEAD)
    counsellor = user_create(username="coun", password=PASSWORD, role=Role.COUNSELLOR)
    no_password = user_create(username="sso", password=None, role=Role.COUNSELLOR)
    team = Team.objects.create(name="North", lead=lead)
    TeamMembership.objects.create(user=counsellor, team=team)
    token, _ = token_create(actor=admin, account_name="jobboard", scopes=["vacancies:read"])
    # The index lists recent additions, changes and deletions, each marked for a screen reader.
    for flag in (ADDITION, CHANGE, DELETION):
        LogEntry.objects.log_actions(admin.pk, [team], flag, change_message="")
    person = JobSeekerFactory()
    # django-axes's login-throttling records: the walk opens each one's change page.
    seen = {"username": "coun", "ip_address": "192.0.2.1", "user_agent": "Firefox"}
    seen |= {"http_accept": "text/html", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=5)
    # One still allowed to try, so the list's status column shows both of its texts.
    seen_once = seen | {"username": "lead"}
    AccessAttempt.objects.create(**seen_once, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**seen, locked_out=True)
    AccessLog.objects.create(**seen)
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "client": client,
        "admin": admin,
        "lead": lead,
        "counsellor": counsellor,
        "no_password": no_password,
        "team": team,
        "token": token,
        "person": person,
    }


def _admin_pages(world) -> Iterator[tuple[str, str, dict | None]]:
    """(method, url, data) for every admin page an administrator can reach."""
    site: OpenPESAdminSite = django_admin.site  # type: ignore[assignment]
    yield "get", reverse("admin:index"), None
    for app_label in sorted({model._meta.app_label for model in site._registry}):
        yield "get", reverse("admin:app_list", args=[app_label]), None
    for model, model_admin in site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        listing = reverse(f"{name}_changelist")
        yield "get", listing, None
        yield "get", f"{listing}?q=x&_facets=True", None
        if model_admin.has_add_permission(_request(world)):
            yield "get", reverse(f"{name}_add"), None
        one = model.objects.first()
        if one is not None:
            yield "get", reverse(f"{name}_change", args=[one.pk]), None
            yield "get", reverse(f"{name}_history", args=[one.pk]), None
    user = f"admin:{get_user_model()._meta.app_label}_user"
    team, lead = world["team"], world["lead"]
    # Deleting a team lists its memberships; deleting its lead is blocked by the team.
    yield "get", reverse("admin:accounts_team_delete", args=[team.pk]), None
    yield "get", reverse(f"{user}_delete", args=[lead.pk]), None
    yield (
        "post",
        reverse("admin:accounts_team_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [team.pk],
        },
    )
    yield "post", reverse(f"{user}_changelist"), {"action": "delete_selected", "index": 0}
    account = world["token"].account
    yield "get", reverse("admin:integrations_integrationaccount_delete", args=[account.pk]), None
    # Forms sent back with errors, and the pages that set or change a password.
    yield "post", reverse(f"{user}_add"), {"username": "not valid!", "usable_password": "true"}
    yield "post", reverse(f"{user}_add"), {"username": "x", "usable_password": "false"}
    no_password = world["no_password"]
    yield "get", reverse(f"{user}_change", args=[no_password.pk]), None
    yield "get", reverse(f"{user}_password_change", args=[no_password.pk]), None
    yield "get", reverse(f"{user}_password_change", args=[lead.pk]), None
    yield (
        "post",
        reverse(f"{user}_password_change", args=[lead.pk]),
        {
            "usable_password": "true",
            "password1": "short",
            "password2": "short",
        },
    )
    # "Disabled" chosen but the page's other button pressed; then disabled for real.
    yield "post", reverse(f"{user}_password_change", args=[lead.pk]), {"usable_password": "false"}
    yield (
        "post",
        reverse(f"{user}_password_change", args=[world["counsellor"].pk]),
        {
            "usable_password": "false",
            "unset-password": "1",
        },
    )
    yield "post", reverse("admin:accounts_team_change", args=[team.pk]), {"name": ""}
    yield "get", reverse("admin:password_change"), None
    yield (
        "post",
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ab",
            "new_password2": "ab",
        },
    )
    yield "get", reverse("admin:caseload_jobseeker_erase", args=[world["person"].pk]), None
    yield "post", reverse("admin:caseload_jobseeker_erase", args=[world["person"].pk]), {}


def _request(world):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/admin/")
    request.user = world["admin"]
    return request


def _walk(world, language: str, monkeypatch) -> tuple[_Lookups, set[str]]:
    """The texts the admin pages ask for in ``language`` and the scripts they load."""
    lookups = _Lookups()
    # Every lookup, {% translate %} and lazy texts included, ends in one of these two.
    for name in ("gettext", "ngettext"):
        method = getattr(trans_real.DjangoTranslation, name)
        monkeypatch.setattr(trans_real.DjangoTranslation, name, lookups.wrap(method))
    client: Client = world["client"]
    client.cookies["django_language"] = language
    scripts: set[str] = set()
    for method, url, data in _admin_pages(world):
        lookups.page = f"{method.upper()} {url}"
        response = getattr(client, method)(url, data or {}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code in (200, 302), f"{lookups.page}: {response.status_code}"
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            assert f'lang="{language}"' in html, f"{lookups.page} is not in {language}"
            scripts |= set(re.findall(r'<script src="/static/admin/js/([^"?]+)', html))
    monkeypatch.undo()
    return lookups, scripts


def _script_texts(name: str) -> set[str]:
    """The msgids a script of Django's admin can show (``gettext``, ``ngettext`` …)."""
    path = ADMIN_STATIC / "admin" / "js" / name
    keywords = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
    found = set()
    with path.open("rb") as handle:
        for _, funcname, message, _ in extract_javascript(handle, keywords, [], {}):
            if funcname == "pgettext":
                context, text = message
                found.add(f"{context}\x04{text}")
            else:
                found.add(message[0] if isinstance(message, tuple | list) else message)
    return {text for text in found if text}


def _script_catalogue(client: Client, language: str) -> dict[str, str | list[str]]:
    """The catalogue /admin/jsi18n/ hands the admin's scripts in ``language``."""
    page = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    start = page.index("const newcatalog = ") + len("const newcatalog = ")
    return json.JSONDecoder().raw_decode(page, start)[0]


def test_the_walk_finds_the_pages_and_what_they_ask(admin_world, monkeypatch):
    lookups, scripts = _walk(admin_world, "ms", monkeypatch)
    asked = set(lookups.asked)
    assert {"Run", "Sidebar", "Delete", "Search %(name)s", "Set password"} <= asked
    assert {"SelectFilter2.js", "actions.js", "admin/DateTimeShortcuts.js"} <= scripts
    assert "Choose all %s" in _script_texts("SelectFilter2.js")
    # A text only the signed-out admin login shows is not asked for: that page is ours.
    assert "Forgotten your login credentials?" not in asked
    # What we translate for Django is what the admin shows (Malay lacks all of it).
    assert not DJANGO_ADMIN_TEXTS_WE_TRANSLATE - asked
    # django-axes's pages are walked too: its list filter, status column, action and sections.
    assert {"Locked Out", "Attempt Remaining", "Clean up expired attempts", "Form Data"} <= asked
    assert not AXES_ADMIN_TEXTS_WE_TRANSLATE - asked
    shown = set().union(*(_script_texts(name) for name in scripts))
    assert not DJANGO_ADMIN_SCRIPT_TEXTS_WE_TRANSLATE - shown


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_django_text_the_admin_shows_is_translated(admin_world, monkeypatch, language):
    lookups, scripts = _walk(admin_world, language, monkeypatch)
    missing = {
        text: sorted(lookups.asked[text])[0] for text in _untranslated(language, set(lookups.asked))
    }
    assert not missing, f"{language}: the admin shows these in English: {missing}"
    catalogue = _script_catalogue(admin_world["client"], language)
    shown = set().union(*(_script_texts(name) for name in scripts))
    missing_js = sorted(text for text in shown & _django_keys("djangojs") if text not in catalogue)
    assert not missing_js, f"{language}: the admin's scripts show these in English: {missing_js}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_scripts_count_with_one_plural_rule(client_for, language):
    """The scripts' catalogue has one plural rule, the first merged catalogue's: ours must
    count as Django's does, or Django's own plurals lose a form (read as an empty text)."""
    catalogue = _script_catalogue(client_for(Role.ADMIN), language)
    forms = {text: value for text, value in catalogue.items() if isinstance(value, list)}
    assert forms, f"{language}: no plural texts in the scripts' catalogue"
    assert len({len(value) for value in forms.values()}) == 1, forms
    empty = [text for text, value in forms.items() if not all(value)]
    assert not empty, f"{language}: plural forms left empty: {empty}"


def test_the_admin_names_our_apps_in_the_readers_language(admin_world):
    # The index listed "Accounts", "Caseload" and "AI register" in English in every language.
    from django.apps import apps

    client = admin_world["client"]
    client.cookies["django_language"] = "fr"
    text = html.unescape(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode())
    for label in ("accounts", "caseload", "register"):
        config = apps.get_app_config(label)
        with translation.override("fr"):
            french = str(config.verbose_name)
        with translation.override("en"):
            english = str(config.verbose_name)
        assert french != english and french in text, (label, english)


def test_every_field_the_admin_shows_has_a_translated_name():
    # Fields without a verbose name were shown as "supplier_role", "changed_by" and
    # "content_hash" in every language: Django's fallback is the attribute's own name.
    from django.apps import apps

    ours = [c for c in apps.get_app_configs() if c.name.startswith("openpes.web")]
    unnamed = []
    for config in ours:
        for model in config.get_models():
            if model not in django_admin.site._registry:
                continue
            for field in model._meta.get_fields():
                if field.auto_created or not hasattr(field, "verbose_name"):
                    continue
                with translation.override("fr"):
                    if not isinstance(field.verbose_name, Promise):
                        unnamed.append(f"{model.__name__}.{field.name}")
    assert not unnamed, unnamed
