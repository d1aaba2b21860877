"""Translations for the analytics core, without Django.

Each core package that shows text to people (reports, explanations, model cards)
keeps a gettext catalogue in ``<package>/locale/<lang>/LC_MESSAGES/messages.po``
with its compiled ``messages.mo`` beside it. The web app uses Django's own catalogues;
both are checked for completeness by ``tests/test_translations.py``.
"""

from __future__ import annotations

import gettext
import math
import operator
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from babel import Locale
from babel.numbers import format_decimal, format_percent

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Language",
    "LocalisedText",
    "Message",
    "Messages",
    "messages",
    "normalise_language",
    "translate",
    "translator",
]

Language = Literal["en", "fr", "de", "nl", "es", "fi", "lv", "tr", "ko", "ms"]
#: The languages OpenPES ships, in the order the language switcher shows them.
LANGUAGES: tuple[Language, ...] = ("en", "fr", "de", "nl", "es", "fi", "lv", "tr", "ko", "ms")
DEFAULT_LANGUAGE: Language = "en"


def normalise_language(language: str | None) -> str:
    """The base language code of a tag or locale name: ``fr-BE``, ``fr_BE.UTF-8`` -> ``fr``.

    Empty, ``C`` and ``POSIX`` mean the default language.

    Examples
    --------
    >>> normalise_language("fr_BE.UTF-8"), normalise_language("NL-be"), normalise_language("C")
    ('fr', 'nl', 'en')
    """
    base = (language or "").split(".")[0].split("@")[0].replace("_", "-").split("-")[0].lower()
    return DEFAULT_LANGUAGE if base in ("", "c", "posix") else base


@lru_cache(maxsize=64)
def translator(package: str, language: str = DEFAULT_LANGUAGE) -> gettext.NullTranslations:
    """Return the gettext translations of a core package for one language.

    English is the source language, so it (and any language we do not ship) falls
    back to the untranslated strings.

    Examples
    --------
    >>> _ = translator("openpes.fairness", "fr").gettext
    >>> isinstance(_("overall"), str)
    True
    """
    localedir = str(files(package) / "locale")
    return gettext.translation(
        "messages", localedir, languages=[normalise_language(language)], fallback=True
    )


class Message(str):
    """A text to translate later: it remembers its package, message id and parameters.

    It *is* the English text (a ``str``), so code that only needs English works as before;
    whoever shows it to a person calls :meth:`translate` with that person's language.
    Errors are built from messages so that the CLI and the web translate them at the edge.

    A message made by :meth:`Messages.ngettext` also keeps its plural id and its count, so
    that each language picks its own plural form (French has three, Korean one) through
    the catalogue's ``ngettext``; English uses the singular for 1 and the plural otherwise.

    Examples
    --------
    >>> _ = messages("openpes.fairness")
    >>> m = _("overall")
    >>> str(m), m.translate("en"), m.msgid
    ('overall', 'overall', 'overall')
    >>> _("{n} rows").format(n=3)
    '3 rows'
    >>> [_.ngettext("{n} row", "{n} rows", n).format(n=n) for n in (1, 2)]
    ['1 row', '2 rows']
    """

    package: str
    msgid: str
    params: dict[str, Any]
    #: The plural message id, or ``None`` for a text without plural forms.
    plural: str | None
    #: The number that chooses the plural form (``None`` without plural forms). Not called
    #: ``count``: a Message is a ``str``, whose ``count`` method must keep working.
    n: int | None

    def __new__(
        cls,
        package: str,
        msgid: str,
        params: dict[str, Any] | None = None,
        plural: str | None = None,
        n: int | None = None,
    ) -> Message:
        if (plural is None) != (n is None):
            raise TypeError("a plural message needs both its plural id and its count")
        if n is not None:
            # gettext's plural rules read whole numbers (NumPy's too); a float is refused.
            try:
                n = operator.index(n)
            except TypeError:
                raise TypeError(
                    f"the count of a plural message must be an int, got {n!r}"
                ) from None
        params = dict(params or {})
        english = msgid if plural is None or n == 1 else plural
        obj = super().__new__(cls, english.format(**params) if params else english)
        obj.package, obj.msgid, obj.params = package, msgid, params
        obj.plural, obj.n = plural, n
        return obj

    def format(self, *args: object, **kwargs: Any) -> Message:
        if args:
            # Positional fields cannot be named in a catalogue; keep them English but working.
            return Message(self.package, str.format(self, *args, **kwargs))
        return Message(self.package, self.msgid, {**self.params, **kwargs}, self.plural, self.n)

    def in_language(self, language: str) -> str:
        """The text in ``language``; parameters that are messages are translated too."""
        params = {
            k: v.in_language(language) if isinstance(v, Message) else v
            for k, v in self.params.items()
        }
        catalogue = translator(self.package, language)
        if self.plural is not None and self.n is not None:
            text = catalogue.ngettext(self.msgid, self.plural, self.n)
        else:
            text = catalogue.gettext(self.msgid)
        return text.format(**params) if params else text

    def translate(self, language_or_table: Any) -> str:
        """:meth:`in_language` for a language code; ``str.translate`` for a table.

        A Message is a ``str``, so code that calls ``str.translate(table)`` on it must still
        get the ordinary behaviour.
        """
        if isinstance(language_or_table, str):
            return self.in_language(language_or_table)
        return str(self).translate(language_or_table)

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (test workers, Spark); keep the message whole.
        return (Message, (self.package, self.msgid, self.params, self.plural, self.n))


class Messages:
    """The gettext-like maker of :class:`Message` objects for one package.

    Call it with a message id (``_("overall")``); use :meth:`ngettext` for a text about
    a number of things, so that every language gets its own plural form.
    """

    __slots__ = ("package",)

    def __init__(self, package: str) -> None:
        self.package = package

    def __call__(self, msgid: str) -> Message:
        return Message(self.package, msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> Message:
        """A message with plural forms; ``n`` chooses the form in each language.

        The count only chooses the form: put it in the text with ``.format(n=...)``.

        Examples
        --------
        >>> _ = messages("openpes.readiness")
        >>> one = _.ngettext("duplicate gate id: {ids}", "duplicate gate ids: {ids}", 1)
        >>> one.format(ids="g1"), one.plural, one.n
        ('duplicate gate id: g1', 'duplicate gate ids: {ids}', 1)
        """
        return Message(self.package, singular, plural=plural, n=n)

    def __repr__(self) -> str:
        return f"messages({self.package!r})"


def messages(package: str) -> Messages:
    """A gettext-like function that returns :class:`Message` objects for ``package``.

    Use it for texts that are shown later, in a language not known yet (error messages).
    Its :meth:`~Messages.ngettext` makes texts with real plural forms.

    Examples
    --------
    >>> _ = messages("openpes.fairness")
    >>> _("overall").translate("fr") != ""
    True
    """
    return Messages(package)


def translate(text: object, language: str) -> str:
    """``text`` in ``language`` when it is a :class:`Message`, else as it is."""
    return text.in_language(language) if isinstance(text, Message) else str(text)


class _Symbols:
    """A locale's decimal, group, minus and percent signs, parsed from Babel once."""

    def __init__(self, locale: str) -> None:
        parsed = Locale.parse(locale)
        symbols = parsed.number_symbols
        symbols = symbols.get(parsed.default_numbering_system, symbols.get("latn", symbols))
        self.decimal = symbols.get("decimal", ".")
        self.group = symbols.get("group", ",")
        # What the locale's percent format puts around the number, as Babel applies it:
        # "35 %" in French (a no-break space), "%35" in Turkish, "35%" in English; for a
        # positive and a negative value ("-%35").
        pattern = parsed.percent_formats[None]
        self.percent_prefix: tuple[str, str] = (pattern.prefix[0], pattern.prefix[1])
        self.percent_suffix: tuple[str, str] = (pattern.suffix[0], pattern.suffix[1])


@lru_cache(maxsize=64)
def _symbols(locale: str) -> _Symbols:
    return _Symbols(locale)


@lru_cache(maxsize=32)
def _quantum(digits: int) -> Decimal:
    return Decimal(1).scaleb(-digits)


class LocalisedText:
    """Gettext and number formatting of one core package, in one language.

    Reports and explanations subclass it with their own sentences; numbers are written
    the way the reader's language writes them (``0,35`` in French, ``0.35`` in English).
    The locale's signs are read from Babel once per locale; each number is then written
    as Babel writes it with the pattern ``#,##0.00`` and a percentage with the locale's
    percent pattern (``#,##0 %`` in French: ``0,0 %``), both with half-even rounding of
    the decimal value, without parsing the locale or the pattern again.
    """

    MISSING = "—"

    def __init__(self, package: str, language: str) -> None:
        self.language = language
        catalogue = translator(package, language)
        self.gettext: Callable[[str], str] = catalogue.gettext
        #: ``ngettext(singular, plural, n)``: the plural form of ``n`` in this language.
        self.ngettext: Callable[[str, str, int], str] = catalogue.ngettext
        # Babel's plain "en" groups like en_US; the reports follow European usage.
        self.locale = {"en": "en_GB"}.get(language, language)
        try:
            self._signs: _Symbols | None = _symbols(self.locale)
        except (ValueError, LookupError):
            self._signs = None

    @staticmethod
    def _missing(value: Any) -> bool:
        return value is None or (isinstance(value, float) and not math.isfinite(value))

    def _write(self, value: Any, digits: int, scale: int) -> str | None:
        signs = self._signs
        if signs is None or isinstance(value, bool):
            return None
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            number = number.scaleb(scale).quantize(_quantum(digits), rounding=ROUND_HALF_EVEN)
        except (InvalidOperation, ValueError, TypeError):
            return None
        negative = number.is_signed()
        text = f"{abs(number):,f}"
        if signs.group != "," or signs.decimal != ".":
            text = text.replace(",", "\0").replace(".", signs.decimal).replace("\0", signs.group)
        return "-" + text if negative else text

    def number(self, value: Any, digits: int = 2) -> str:
        if self._missing(value):
            return self.MISSING
        fast = self._write(value, digits, 0)
        if fast is not None:
            return fast
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def percent(self, value: Any, digits: int = 0) -> str:
        if self._missing(value):
            return self.MISSING
        fast = self._write(value, digits, 2)
        if fast is not None:
            assert self._signs is not None
            negative = fast.startswith("-")
            number = fast[1:] if negative else fast
            prefix, suffix = self._signs.percent_prefix, self._signs.percent_suffix
            return prefix[negative] + number + suffix[negative]
        number = "#,##0" + ("." + "0" * digits if digits else "")
        # The locale's own percent pattern, with the digits asked for.
        pattern = Locale.parse(self.locale).percent_formats[None].pattern.replace("#,##0", number)
        return str(format_percent(value, format=pattern, locale=self.locale))
