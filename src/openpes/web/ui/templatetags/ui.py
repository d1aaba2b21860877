"""Template tags for accessible forms."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from openpes.web.ui.html import esc

register = template.Library()


@register.simple_tag
def field_widget(field: BoundField) -> SafeString:
    """Render a widget tied to its help text and errors via aria-describedby."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key)


@register.filter
def vacancy_decision(decisions: dict, item_id: str) -> object:
    """The decision recorded for a suggested vacancy, if any."""
    return decisions.get(("vacancy", item_id))


_LANGUAGE_OPTIONS: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}


@register.simple_tag
def language_options() -> SafeString:
    """The language switcher's ``<option>``s, each language named in itself, the current
    one selected; written once per language (they were a fiftieth of every page)."""
    current = get_language() or settings.LANGUAGE_CODE
    key = (current, tuple(settings.LANGUAGES))
    html = _LANGUAGE_OPTIONS.get(key)
    if html is None:
        html = _LANGUAGE_OPTIONS[key] = "".join(
            f'\n      <option value="{esc(code)}" lang="{esc(code)}"'
            f"{' selected' if code == current else ''}>"
            f"{esc(get_language_info(code)['name_local'])}</option>"
            for code, _name in settings.LANGUAGES
        )
    return mark_safe(html)
