"""The count a ``{% blocktranslate count %}`` needs for a number shown with decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.plural import PluralRule
from django import template
from django.utils.translation import get_language, to_locale

register = template.Library()


@cache
def _rule(language: str) -> tuple[PluralRule, dict[str, int]]:
    """The language's CLDR plural rule, and for each category an integer of it (1 first)."""
    try:
        rule = Locale.parse(to_locale(language)).plural_form
    except (ValueError, LookupError):  # a language CLDR does not know: English's rule
        rule = Locale.parse("en").plural_form
    found: dict[str, int] = {}
    for n in (1, *range(1000), 1_000_000):
        found.setdefault(rule(n), n)
    return rule, found


@register.filter
def plural_count(value: float | Decimal | None, decimals: int = 1) -> int:
    """An integer that picks the plural form the language gives ``value`` as it is shown.

    Use with ``floatformat:"-<decimals>"``, which shows the same rounded number (a whole
    number without decimals). A whole number is its own count. gettext's plural formula
    takes only integers, but CLDR gives a fraction a form of its own that no rounding
    reproduces: "1,5 an" is singular in French, "1,5 Jahre" plural in German, and in Latvian
    "2,1 gads" is singular while "2,5 gadi" is not. So the shown fraction's CLDR category is
    looked up (Babel) and stood for by an integer of the same category, which the
    catalogue's formula (Babel's, from the same CLDR rules) sends to the same form.
    """
    if value is None:
        return 0
    number = Decimal(str(value))
    if number == number.to_integral_value():  # floatformat shows it without decimals
        return int(number)
    # Otherwise floatformat shows every decimal, trailing zeros too ("1.0"), and CLDR counts
    # them: "1.0 years" in English.
    shown = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    rule, integers = _rule(get_language() or "en")
    return integers.get(rule(shown), 2)
