"""Every user-visible string is translated into every shipped language.

Strings are extracted from the code itself (Python through Babel, Django templates
through Django's own templatize), so a new string without translations fails here.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

import axes
import django
import pytest
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from openpes.i18n import LANGUAGES

SRC = Path(__file__).resolve().parent.parent / "src" / "openpes"
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
CATALOGUES = sorted(SRC.rglob("locale/*/LC_MESSAGES/*.po"))


def _msgids_in_python(source: str, keywords: tuple[str, ...] = tuple(KEYWORDS)) -> set[str]:
    """The msgids (singulars: a catalogue keys a plural entry by its singular) in ``source``."""
    found = set()
    for _, _, message, _ in extract_python(io.BytesIO(source.encode()), keywords, [], {}):
        text = message[0] if isinstance(message, tuple | list) else message
        if text:
            found.add(text)
    return found


def _msgids_in_template(path: Path) -> set[str]:
    from django.utils.translation.template import templatize

    # templatize keeps the template's indentation, which Python's tokenizer rejects.
    code = "\n".join(
        line.lstrip() for line in templatize(path.read_text(), origin=str(path)).splitlines()
    )
    return _msgids_in_python(code)


@cache
def _catalogue_ids(localedirs: tuple[Path, ...], language: str, domain: str) -> dict[str, bool]:
    """msgid -> translated? merged over several locale dirs (as Django merges app catalogues)."""
    merged: dict[str, bool] = {}
    for localedir in localedirs:
        po = localedir / language / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            continue
        with po.open("rb") as handle:
            messages = list(read_po(handle))
        for message in messages:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            merged[key] = merged.get(key, False) or (all(strings) and not message.fuzzy)
    return merged


def _web_strings() -> dict[str, set[str]]:
    strings: dict[str, set[str]] = {}
    web = SRC / "web"
    for path in web.rglob("*.py"):
        if "migrations" not in path.parts:
            for text in _msgids_in_python(path.read_text()):
                strings.setdefault(text, set()).add(str(path.relative_to(SRC)))
    for path in web.rglob("templates/**/*.html"):
        for text in _msgids_in_template(path):
            strings.setdefault(text, set()).add(str(path.relative_to(SRC)))
    return strings


def _web_localedirs() -> tuple[Path, ...]:
    return tuple(sorted(p for p in (SRC / "web").rglob("locale") if p.is_dir()))


def _missing_catalogues(localedirs: tuple[Path, ...], language: str, domain: str) -> list[str]:
    return [
        str((d / language / "LC_MESSAGES" / f"{domain}.po").relative_to(SRC))
        for d in localedirs
        if not (d / language / "LC_MESSAGES" / f"{domain}.po").exists()
    ]


def test_ten_languages_are_shipped():
    assert LANGUAGES == ("en", "fr", "de", "nl", "es", "fi", "lv", "tr", "ko", "ms")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_web_string_is_translated(language):
    absent = _missing_catalogues(_web_localedirs(), language, "django")
    assert not absent, f"{language}: catalogues missing (run `make messages`): {absent}"
    catalogue = _catalogue_ids(_web_localedirs(), language, "django")
    missing = {text: where for text, where in _web_strings().items() if not catalogue.get(text)}
    assert not missing, f"{language}: untranslated strings (run `make messages`): {missing}"


def test_no_web_string_fakes_a_plural():
    """A count is written with ngettext, so "1 alert" and "2 alerts" each read right."""
    faked = {text: where for text, where in _web_strings().items() if "(s)" in text}
    assert not faked, f"use ngettext / blocktranslate count for: {faked}"


def _core_packages() -> list[Path]:
    return sorted(
        p for p in SRC.iterdir() if p.is_dir() and p.name not in {"web", "cli", "__pycache__"}
    )


@pytest.mark.parametrize("package", _core_packages(), ids=lambda p: p.name)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_core_string_is_translated(package, language):
    strings = set()
    for path in package.rglob("*.py"):
        strings |= _msgids_in_python(path.read_text())
    if not strings:
        pytest.skip(f"openpes.{package.name} shows no translatable text")
    absent = _missing_catalogues((package / "locale",), language, "messages")
    assert not absent, f"openpes.{package.name} [{language}]: catalogue missing: {absent}"
    catalogue = _catalogue_ids((package / "locale",), language, "messages")
    missing = sorted(text for text in strings if not catalogue.get(text))
    assert not missing, f"openpes.{package.name} [{language}] lacks translations for: {missing}"


def test_no_core_string_fakes_a_plural():
    """The core counts with ``ngettext`` too (``messages(...).ngettext`` for lazy texts)."""
    faked = {
        text: str(path.relative_to(SRC))
        for package in _core_packages()
        for path in package.rglob("*.py")
        for text in _msgids_in_python(path.read_text())
        if "(s)" in text
    }
    assert not faked, f"use ngettext for: {faked}"


def _cli_help_texts() -> dict[str, str]:
    import typer

    from openpes.cli import app
    from openpes.cli.help_texts import help_texts

    return help_texts(typer.main.get_command(app))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_cli_help_text_is_translated(language):
    """Help comes from the command tree Typer builds, so a new command is checked as it lands."""
    localedir = SRC / "cli" / "locale"
    absent = _missing_catalogues((localedir,), language, "messages")
    assert not absent, f"openpes.cli [{language}]: catalogue missing: {absent}"
    catalogue = _catalogue_ids((localedir,), language, "messages")
    missing = {text: where for text, where in _cli_help_texts().items() if not catalogue.get(text)}
    assert not missing, (
        f"openpes.cli [{language}] lacks help translations (see CONTRIBUTING.md): {missing}"
    )


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_catalogue_is_complete_and_compiled(po_path):
    with po_path.open("rb") as handle:
        catalogue = read_po(handle, locale=po_path.parent.parent.name)
    empty = [
        m.id
        for m in catalogue
        if m.id and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not empty, f"empty translations in {po_path}: {empty}"
    assert not fuzzy, f"fuzzy translations in {po_path}: {fuzzy}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run `make messages`"
    fresh = io.BytesIO()
    write_mo(fresh, catalogue, use_fuzzy=False)
    fresh.seek(0)
    expected = gettext.GNUTranslations(fresh)._catalog  # type: ignore[attr-defined]
    with mo_path.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    assert shipped == expected, f"{mo_path} is stale: run `make messages`"


def test_every_translated_package_ships_all_languages():
    absent = [
        f"{localedir.relative_to(SRC)}/{language}/LC_MESSAGES/{domain}.po"
        for localedir in sorted({p.parents[2] for p in CATALOGUES})
        for domain in sorted({p.stem for p in localedir.rglob("*.po")})
        for language in TRANSLATED
        if not (localedir / language / "LC_MESSAGES" / f"{domain}.po").exists()
    ]
    assert not absent, f"catalogues missing: {absent}"


#: Names the code also calls its translators by (``t = translator(...)``, ``_m = messages(...)``).
_ALL_KEYWORDS = (*KEYWORDS, "t", "_m")


def _every_msgid_in_use() -> set[str]:
    """Every text the code can ask a catalogue for: Python, templates, the CLI's help tree and
    the Click/Typer texts the CLI translates."""
    import typer

    from openpes.cli import app, click_texts
    from openpes.cli.help_texts import HELP_OPTION_TEXT, TYPER_TEXTS, help_texts

    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "migrations" not in path.parts:
            used |= _msgids_in_python(path.read_text(), _ALL_KEYWORDS)
    for path in [*SRC.rglob("templates/**/*.html"), *SRC.rglob("templates/**/*.txt")]:
        used |= _msgids_in_template(path)
    used |= set(help_texts(typer.main.get_command(app)))
    used |= {*TYPER_TEXTS.values(), HELP_OPTION_TEXT, click_texts.USAGE_TEXT}
    used |= {*click_texts.GETTEXT_TEXTS, *click_texts.RICH_TEXTS.values()}
    used |= set(click_texts.PLAIN_TEXTS.values())
    for template in click_texts.TEMPLATES:
        used.add(template.msgid)
    return used


#: Django's own texts that our pages show and that Django's catalogue leaves untranslated
#: in a shipped language. The web catalogue (LOCALE_PATHS, which Django reads before its
#: own) fills the gap, so no code of ours names them; each may stay only in the web
#: catalogue and only for a language Django still leaves it untranslated in (an upgrade
#: of Django that translates it makes ours stale). tests/web/test_django_texts.py finds them.
DJANGO_TEXTS_WE_TRANSLATE = {
    # The empty choice of every select (Django 6.1's BLANK_CHOICE_LABEL): Django has no
    # de, nl, es, fi, lv, ko or ms for it.
    "- Select an option -",
}
#: The same for the Django admin (django.contrib.admin and the user pages of
#: django.contrib.auth): texts Django 6.1 leaves untranslated, mostly in de and ms, some in
#: nl, es, fi, lv and ko. tests/web/test_admin_texts.py walks the admin and finds them.
DJANGO_ADMIN_TEXTS_WE_TRANSLATE = {
    # The index, the sidebar and the header (ms).
    "Add link",
    "Added:",
    "Breadcrumbs",
    "Change or view list link",
    "Changed:",
    "Deleted:",
    "Model name",
    "Sidebar",
    "Toggle theme (current theme: auto)",
    "Toggle theme (current theme: dark)",
    "Toggle theme (current theme: light)",
    # Change lists: search, filters (axes' date hierarchy), facets, pagination, actions.
    "Filter by %(field_name)s",
    "Hide counts",
    "Pagination %(name)s",
    "Search %(name)s",
    "Select all objects on this page for an action",
    "Select this object for an action - {}",
    "Show counts",
    # Change forms, history and the delete confirmation.
    "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
    "following related items will be deleted:",
    "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
    "protected related objects:",
    "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
    "objects, but your account doesn't have permission to delete the following types of "
    "objects:",
    "Pagination %(name)s entries",
    "View selected %(model)s",
    "entry",
    # The user pages: adding a user, its password (django.contrib.auth's texts among them).
    "After you’ve created a user, you’ll be able to edit more user options.",
    "Conflicting form data submitted. Please try again.",
    "Disable password-based authentication",
    "Disabled",
    "Enable password-based authentication",
    "Enable password-based authentication for this user by setting a password.",
    "Enabled",
    "Password-based authentication",
    "Password-based authentication was disabled.",
    "Raw passwords are not stored, so there is no way to see the user’s password.",
    "Reset password",
    "Set password",
    "Set password: %s",
    "This action will <strong>enable</strong> password-based authentication for this user.",
    "This password is too short. It must contain at least %d character.",
    "Whether the user will be able to authenticate using a password or not. If disabled, "
    "they may still be able to authenticate using other backends, such as Single Sign-On or "
    "LDAP.",
}
#: The admin's scripts (domain ``djangojs``, served by /admin/jsi18n/): the calendar and
#: clock of date fields, the two-box selector of users' groups and permissions, actions.
#: A text in a context is written ``context\x04msgid``, as gettext keys it.
DJANGO_ADMIN_SCRIPT_TEXTS_WE_TRANSLATE = {
    "%(month)s %(day)s, %(year)s",
    "%s (current selection)",
    "%s (today)",
    "%s (today, current selection)",
    "Next (%(month)s %(year)s)",
    "Previous (%(month)s %(year)s)",
    "Today (%(date)s)",
    "Tomorrow (%(date)s)",
    "Yesterday (%(date)s)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
    "server",
    *("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    *(
        f"abbrev. day {day}\x04{abbrev}"
        for day, abbrev in (
            ("Sunday", "Sun"),
            ("Monday", "Mon"),
            ("Tuesday", "Tue"),
            ("Wednesday", "Wed"),
            ("Thursday", "Thur"),
            ("Friday", "Fri"),
            ("Saturday", "Sat"),
        )
    ),
    "%s selected option not visible",
    "(click to clear)",
    'Choose %s by selecting them and then select the "Choose" arrow button.',
    'Remove %s by selecting them and then select the "Remove" arrow button.',
    "Choose all %s",
    "Choose selected %s",
    "Remove all %s",
    "Remove selected %s",
    "Type into this box to filter down the list of selected %s.",
    "You have selected an action, and you haven’t made any changes on individual fields. "
    "You’re probably looking for the Run button rather than the Save button.",
}
#: django-axes's texts on our admin pages (the access attempts, access failures and access
#: logs: model and field names, list filters, columns, the action) that axes's catalogues
#: leave untranslated: axes 8 has no nl, es, fi, lv, ko or ms at all, and its fr, de and tr
#: lack its newer texts. They go into the web catalogue (domain ``django``) as Django's do, each
#: only for a language axes (and Django) still leaves it untranslated in.
#: tests/web/test_admin_texts.py walks axes's admin pages and finds them.
AXES_ADMIN_TEXTS_WE_TRANSLATE = {
    # The models' names: the index, the lists, the breadcrumbs, the action's confirmation.
    "access attempt",
    "access attempts",
    "access failure",
    "access failures",
    "access log",
    "access logs",
    # An attempt's expiry: its permissions on a group's or user's page, its label on the change
    # page of an attempt.
    "access attempt expiration",
    # Their fields: columns, list filters, the change pages.
    "Attempt Time",
    "IP Address",
    "User Agent",
    "Username",
    "Path",
    "HTTP Accept",
    "GET Data",
    "POST Data",
    "Failed Logins",
    "Access lock out",
    "Logout Time",
    # The change pages' sections, the attempts' status column and filter, and their action.
    "Form Data",
    "Meta Data",
    "Attempt Remaining",
    "Locked Out",
    "Clean up expired attempts",
}
#: Which list allows which of the web catalogue's domains.
_ALLOWED_GAPS = {
    "django": DJANGO_TEXTS_WE_TRANSLATE | DJANGO_ADMIN_TEXTS_WE_TRANSLATE,
    "djangojs": DJANGO_ADMIN_SCRIPT_TEXTS_WE_TRANSLATE,
}
WEB_LOCALEDIR = SRC / "web" / "locale"
DJANGO_DIR = Path(django.__file__).parent
AXES_DIR = Path(axes.__file__).parent


@cache
def _django_translations(language: str, domain: str) -> tuple[gettext.NullTranslations, ...]:
    return tuple(
        gettext.translation(domain, localedir, [language], fallback=True)
        for localedir in sorted(DJANGO_DIR.rglob("locale"))
        if localedir.is_dir()
    )


def _key(message) -> str:  # type: ignore[no-untyped-def]
    """How gettext keys a message: its (singular) msgid, after its context if it has one."""
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}\x04{msgid}" if message.context else msgid


@cache
def _django_msgids(domain: str = "django") -> frozenset[str]:
    msgids = set()
    for po in DJANGO_DIR.rglob(f"locale/en/LC_MESSAGES/{domain}.po"):
        with po.open("rb") as handle:
            msgids |= {_key(m) for m in read_po(handle)}
    return frozenset(msgids)


def _django_leaves_untranslated(msgid: str, language: str, domain: str = "django") -> bool:
    return msgid in _django_msgids(domain) and all(
        t.gettext(msgid) == msgid for t in _django_translations(language, domain)
    )


@cache
def axes_msgids() -> frozenset[str]:
    """The texts django-axes asks a catalogue for, read from its code (it ships no English
    catalogue, and its catalogues lack its newer texts)."""
    texts: set[str] = set()
    for path in AXES_DIR.rglob("*.py"):
        if "migrations" not in path.parts:
            texts |= _msgids_in_python(path.read_text())
    return frozenset(texts)


def _axes_leaves_untranslated(msgid: str, language: str) -> bool:
    """An axes text that neither axes's catalogue nor Django's has for ``language`` (an
    entry counts even where it reads as the English, as "User Agent" does in French)."""
    shipped = (
        gettext.translation("django", AXES_DIR / "locale", [language], fallback=True),
        *_django_translations(language, "django"),
    )
    return msgid in axes_msgids() and not any(
        msgid in getattr(catalogue, "_catalog", {}) for catalogue in shipped
    )


def _a_gap_in_django(msgid: str, po_path: Path) -> bool:
    """Whether ``po_path`` may hold ``msgid``: a listed text of Django's (or django-axes's)
    that Django (or axes) leaves untranslated in the catalogue's language."""
    language = po_path.parent.parent.name
    if po_path.parents[2] != WEB_LOCALEDIR:
        return False
    if po_path.stem == "django" and msgid in AXES_ADMIN_TEXTS_WE_TRANSLATE:
        return _axes_leaves_untranslated(msgid, language)
    return msgid in _ALLOWED_GAPS.get(po_path.stem, set()) and _django_leaves_untranslated(
        msgid, language, po_path.stem
    )


def test_the_django_texts_we_translate_are_still_gaps_in_django():
    """The allowance cannot grow into a place for any text: each entry is Django's own
    and still untranslated by Django in some shipped language."""
    assert _django_msgids() >= DJANGO_TEXTS_WE_TRANSLATE | DJANGO_ADMIN_TEXTS_WE_TRANSLATE
    assert _django_msgids("djangojs") >= DJANGO_ADMIN_SCRIPT_TEXTS_WE_TRANSLATE

    def web(language: str, domain: str = "django") -> Path:
        return WEB_LOCALEDIR / language / "LC_MESSAGES" / f"{domain}.po"

    assert _a_gap_in_django("- Select an option -", web("de"))
    # Django has French for it; an app's catalogue is not where Django's texts go; a text
    # that is not listed is not allowed, even where Django lacks it.
    assert not _a_gap_in_django("- Select an option -", web("fr"))
    exchange = SRC / "web" / "exchange" / "locale" / "de" / "LC_MESSAGES" / "django.po"
    assert not _a_gap_in_django("- Select an option -", exchange)
    assert _django_leaves_untranslated("No %s matches the given query.", "de")
    assert not _a_gap_in_django("No %s matches the given query.", web("de"))
    # Each list allows its own domain only, and a script text in a context by its key.
    assert _a_gap_in_django("Search %(name)s", web("de"))
    assert not _a_gap_in_django("Search %(name)s", web("de", "djangojs"))
    assert not _a_gap_in_django("Sidebar", web("de")), "Django has German for it"
    assert _a_gap_in_django("server", web("de", "djangojs"))
    assert not _a_gap_in_django("server", web("de"))
    assert _a_gap_in_django("abbrev. day Sunday\x04Sun", web("ms", "djangojs"))
    assert not _a_gap_in_django("abbrev. day Sunday\x04Sun", web("de", "djangojs"))
    needless = [
        text
        for domain, texts in _ALLOWED_GAPS.items()
        for text in texts
        if not any(_django_leaves_untranslated(text, lang, domain) for lang in TRANSLATED)
    ]
    assert not needless, f"Django translates these now; drop them from our catalogue: {needless}"


def test_the_axes_texts_we_translate_are_still_gaps_in_axes():
    """The same for django-axes: each listed text is axes's own, and one we may keep only
    where axes (and Django) still leave it untranslated."""
    assert axes_msgids() >= AXES_ADMIN_TEXTS_WE_TRANSLATE

    def web(language: str, domain: str = "django") -> Path:
        return WEB_LOCALEDIR / language / "LC_MESSAGES" / f"{domain}.po"

    # Axes has no Dutch at all; it has French for "access log" but not for "Locked Out".
    assert _a_gap_in_django("access log", web("nl"))
    assert not _a_gap_in_django("access log", web("fr"))
    assert _a_gap_in_django("Locked Out", web("fr"))
    # Axes's French "User Agent" reads as the English and is still a translation.
    assert not _a_gap_in_django("User Agent", web("fr"))
    # Not in the scripts' catalogue, nor an app's; an axes text we do not list is not allowed.
    assert not _a_gap_in_django("access log", web("nl", "djangojs"))
    exchange = SRC / "web" / "exchange" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert not _a_gap_in_django("access log", exchange)
    assert _axes_leaves_untranslated("Expires At", "nl")
    assert not _a_gap_in_django("Expires At", web("nl"))
    # "Yes" and "No" (its filter's choices) are Django's too, and Django translates them.
    assert not _axes_leaves_untranslated("Yes", "ms")
    needless = sorted(
        text
        for text in AXES_ADMIN_TEXTS_WE_TRANSLATE
        if not any(_axes_leaves_untranslated(text, lang) for lang in TRANSLATED)
    )
    assert not needless, f"axes translates these now; drop them from our catalogue: {needless}"


def test_no_catalogue_keeps_a_text_no_code_uses():
    """An old wording left in a catalogue is work for every translator and hides what changed."""
    used = _every_msgid_in_use()
    stale = {}
    for po_path in CATALOGUES:
        with po_path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key and key not in used and not _a_gap_in_django(_key(message), po_path):
                stale.setdefault(key, []).append(str(po_path.relative_to(SRC)))
    assert not stale, f"msgids no code uses (remove them from the catalogues): {stale}"
