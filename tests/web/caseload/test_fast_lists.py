"""The caseload's rows and attention lists written in Python match what the templates wrote.

The reference markup in ``fast_lists_reference/`` is the template code they replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from openpes.web.ui.templatetags.caseload_lists import attention_items, caseload_rows
from openpes.web.ui.templatetags.skill_list import skill_items
from openpes.web.ui.templatetags.ui import language_options

#: The template code these renderers replaced, kept as the reference markup.
REFERENCE = Path(__file__).parent / "fast_lists_reference"
ROWS = (REFERENCE / "rows.html").read_text()
SKILLS = (REFERENCE / "skills.html").read_text()
ATTENTION = {
    name: (REFERENCE / f"attention_{name}.html").read_text()
    for name in ("overdue_reviews", "no_contact", "no_plan")
}


#: One row's columns, in the order of the table.
COLUMNS = [
    "reference",
    "last_name",
    "first_name",
    "region",
    "registered_on",
    "days_registered",
    "band",
    "open_reviews",
    "overdue_reviews",
    "last_contact",
    "next_appointment",
    "skill_count",
]


def _people() -> list[SimpleNamespace]:
    moment = timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30), dt.UTC)
    rows = [
        # Names and a region that need escaping, no decision, nothing planned.
        ("JS-0000001", "O'Brien <b>", "Zoë & co", "Antwerpen", dt.date(2025, 1, 31), 1234,
         "", None, False, None, None, 0),
        # 23:30 UTC on 1 March is 2 March in Brussels: shown in local time.
        ("JS-0000002", "Nguyen", "An", 'Liège "centre"', dt.date(2026, 11, 2), 31,
         "low", 2, True, dt.date(2026, 10, 5), moment, 35),
        ("JS-0000003", "Smith", "Jo", "", dt.date(2024, 6, 1), 915,
         "high", 0, False, dt.date(2026, 1, 2), None, 3),
        ("JS-0000004", "Kim", "Min", "Gent", dt.date(2026, 2, 2), 300,
         "medium", 1, False, None, moment, 12),
    ]  # fmt: skip
    return [SimpleNamespace(**dict(zip(COLUMNS, row, strict=True))) for row in rows]


class _Tree(HTMLParser):
    """What a browser builds: tags, attributes and text (entities decoded, spaces folded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data).strip()
        if text:
            self.tokens.append(("text", text))


def _same(html: str) -> list[tuple]:
    # Django leaves {% translate %} output unescaped and these renderers escape it: the
    # same page in the browser, so the comparison is of what the browser reads.
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.tokens


@pytest.mark.parametrize("language", ["en", "fr", "de", "ko"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_rows_are_the_template_markup(language, count):
    people = _people()[:count]
    with translation.override(language):
        expected = Template(ROWS).render(Context({"page": people}))
        assert _same(caseload_rows(people)) == _same(expected)
    if count:
        assert "O&#x27;Brien &lt;b&gt;" in caseload_rows(people)


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
@pytest.mark.parametrize("name", sorted(ATTENTION))
@pytest.mark.parametrize("count", [0, 4])
def test_attention_lists_are_the_template_markup(language, name, count):
    people = _people()[:count]
    with translation.override(language):
        expected = Template(ATTENTION[name]).render(Context({"people": people}))
        written = "<ul>" + attention_items(people, contact=name == "no_contact") + "</ul>"
        assert _same(written) == _same(expected)


@pytest.mark.parametrize("language", ["en", "fr", "tr"])
@pytest.mark.parametrize("count", [0, 2])
def test_skill_items_are_the_template_markup(language, count):
    skills = [
        SimpleNamespace(
            uri="http://data.europa.eu/esco/skill/1",
            label="drive <forklift>",
            source="Added by counsellor",
        ),
        SimpleNamespace(uri='http://x/"2', label="Butchery & O'Hara", source="From registration"),
    ][:count]
    context = Context(
        {
            "skills": skills,
            "remove": "/caseload/JS-1/skills/remove/?a=1&b=2",
            "csrf_token": "tok&en",
        }
    )
    with translation.override(language):
        expected = Template(SKILLS).render(context)
        written = "<ul>" + skill_items(context, skills, context["remove"]) + "</ul>"
        assert _same(written) == _same(expected)


LANGUAGE_OPTIONS = (
    "{% load i18n %}{% get_current_language as LANGUAGE_CODE %}"
    "{% get_available_languages as LANGUAGES %}"
    "{% get_language_info_list for LANGUAGES as languages %}{% for language in languages %}"
    '<option value="{{ language.code }}" lang="{{ language.code }}"'
    "{% if language.code == LANGUAGE_CODE %} selected{% endif %}>"
    "{{ language.name_local }}</option>{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "fr", "lv", "ko", "tr"])
def test_language_options_are_the_template_markup_and_follow_the_language(language):
    with translation.override(language):
        written = language_options()
        assert _same(written) == _same(Template(LANGUAGE_OPTIONS).render(Context({})))
    assert f'value="{language}" lang="{language}" selected' in written
    assert written.count(" selected") == 1


def test_one_instant_is_written_in_the_zone_in_force():
    """The formatting memo must not give one zone's time to another (equal instants)."""
    from openpes.web.ui.html import date_or

    moment = timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30), dt.UTC)
    template = Template('{{ moment|date:"DATETIME_FORMAT" }}')
    written = {}
    with translation.override("en"):
        for zone in ("Europe/Brussels", "America/New_York", "Europe/Brussels"):
            with timezone.override(zone):
                written[zone] = date_or(moment, "DATETIME_FORMAT", "—")
                assert written[zone] == template.render(Context({"moment": moment}))
    assert written["Europe/Brussels"] != written["America/New_York"]
