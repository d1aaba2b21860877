"""The part of a suggested vacancy that is the same on every visit, rendered once."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from openpes.web.counselling.suggestions import SuggestionView

register = template.Library()


@register.simple_tag
def suggestion_body(suggestion: SuggestionView, decide: bool) -> SafeString:
    """``counselling/_suggestion_body.html`` for ``suggestion``, kept on the suggestion.

    The fragment reads only the suggestion, the language and whose view it is; the decision
    and answer forms around it, with their CSRF tokens, are rendered on every request.
    """
    key = (get_language() or "", bool(decide))
    html = suggestion.html.get(key)
    if html is None:
        html = render_to_string(
            "counselling/_suggestion_body.html", {"s": suggestion, "decide": bool(decide)}
        )
        suggestion.html[key] = html
    return mark_safe(html)
