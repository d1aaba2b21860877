"""Lazy messages with real plural forms: the count travels with the message.

The texts come from the matching catalogue, which already ships plural forms, so these
tests read real catalogues (French and Latvian have three forms, Korean one).
"""

from __future__ import annotations

import pickle

import pytest

from openpes.errors import InputError
from openpes.i18n import Message, messages

_ = messages("openpes.matching")
SINGULAR, PLURAL = "Missing essential skill: {skills}.", "Missing essential skills: {skills}."


def _missing(n: int) -> Message:
    return _.ngettext(SINGULAR, PLURAL, n).format(skills="x")


def test_english_uses_the_singular_for_one_and_the_plural_otherwise():
    assert [str(_missing(n)) for n in (0, 1, 2)] == [
        "Missing essential skills: x.",
        "Missing essential skill: x.",
        "Missing essential skills: x.",
    ]
    assert _missing(1).translate("en") == "Missing essential skill: x."


def test_each_language_picks_its_own_form_from_the_catalogue():
    assert _missing(1).in_language("fr") == "Compétence essentielle manquante : x."
    assert _missing(2).in_language("fr") == "Compétences essentielles manquantes : x."
    # Latvian: 21 takes the singular, 11 the "zero" form.
    assert _missing(21).in_language("lv") == "Trūkstošā būtiskā prasme: x."
    assert _missing(11).in_language("lv") == "Trūkstošās būtiskās prasmes: x."


def test_a_plural_message_survives_format_pickling_and_errors():
    message = _missing(1)
    assert (message.plural, message.n) == (PLURAL, 1)
    again = pickle.loads(pickle.dumps(message))
    assert (again.plural, again.n, again.params) == (PLURAL, 1, {"skills": "x"})
    assert again.in_language("fr") == "Compétence essentielle manquante : x."
    error = pickle.loads(pickle.dumps(InputError(_missing(2), row=3)))
    assert error.translate("fr").endswith(": Compétences essentielles manquantes : x.")


def test_a_message_parameter_with_plural_forms_is_translated_too():
    outer = messages("openpes")("file {file}").format(file=_missing(1))
    assert "Compétence essentielle manquante" in outer.in_language("fr")


def test_the_count_must_be_a_whole_number():
    with pytest.raises(TypeError, match="int"):
        _.ngettext(SINGULAR, PLURAL, 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="plural id and its count"):
        Message("openpes.matching", SINGULAR, plural=PLURAL)


def test_a_singular_message_works_as_before():
    message = _("{n} rows").format(n=3)
    assert (message, message.plural, message.n) == ("3 rows", None, None)
    assert pickle.loads(pickle.dumps(message)) == "3 rows"
