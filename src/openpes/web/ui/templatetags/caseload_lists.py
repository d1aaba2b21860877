"""The caseload's rows and its "needs attention" lists, written in Python.

Twenty-five rows of ten cells and three lists of up to twenty names were half of the caseload
page's template time. The markup is what ``caseload/_rows.html`` and ``caseload/list.html``
wrote with the template engine (``tests/web/caseload/test_fast_lists.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from openpes.web.ui.html import date_or, esc, shown

register = template.Library()


def _link(person: Any) -> str:
    url = reverse("jobseeker_detail", args=[person.reference])
    return f'<a href="{esc(url)}">{shown(person.last_name)}, {shown(person.first_name)}</a>'


class _Words:
    """The row's fixed words, translated once per list rather than once per row."""

    def __init__(self) -> None:
        self.bands = {
            "": f'<span class="muted">{esc(gettext("not decided"))}</span>',
            "low": esc(gettext("Low")),
            "medium": esc(gettext("Medium")),
        }
        self.high = esc(gettext("High"))
        self.overdue = f' <strong class="flag">{esc(gettext("overdue"))}</strong>'


def _row(person: Any, words: _Words) -> str:
    band = words.bands.get(person.band or "", words.high)
    overdue = words.overdue if person.overdue_reviews else ""
    return (
        "      <tr>\n"
        f"        <td>{_link(person)}</td>\n"
        f"        <td>{shown(person.reference)}</td>\n"
        f"        <td>{shown(person.region)}</td>\n"
        f"        <td>{date_or(person.registered_on, 'SHORT_DATE_FORMAT', '')}</td>\n"
        f'        <td class="num">{shown(person.days_registered)}</td>\n'
        f"        <td>{band}</td>\n"
        f'        <td class="num">{shown(person.open_reviews or "0")}{overdue}</td>\n'
        f"        <td>{date_or(person.last_contact, 'DATE_FORMAT', '—')}</td>\n"
        f"        <td>{date_or(person.next_appointment, 'DATETIME_FORMAT', '—')}</td>\n"
        f'        <td class="num">{shown(person.skill_count)}</td>\n'
        "      </tr>\n"
    )


@register.simple_tag
def caseload_rows(people: Iterable[Any]) -> SafeString:
    """The ``<tbody>`` rows of the caseload table; one row saying so when none match."""
    words = _Words()
    rows = [_row(person, words) for person in people]
    if not rows:
        none = esc(gettext("No job seekers match."))
        rows = [f'      <tr><td colspan="10">{none}</td></tr>\n']
    return mark_safe("".join(rows))


@register.simple_tag
def attention_items(people: list[Any], *, contact: bool = False) -> SafeString:
    """The ``<li>`` items of one "needs attention" list (with the last contact, if asked)."""
    if not people:
        return mark_safe(f"<li>{esc(gettext('None.'))}</li>")
    never = gettext("never")
    items = []
    for person in people:
        extra = ""
        if contact:
            when = date_or(person.last_contact, "DATE_FORMAT", never)
            extra = f' <span class="muted">({when})</span>'
        items.append(f"<li>{_link(person)}{extra}</li>")
    return mark_safe("".join(items))
