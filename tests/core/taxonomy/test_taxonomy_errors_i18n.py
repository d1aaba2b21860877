"""A taxonomy error names the value and is translated where it is shown."""

from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.taxonomy import Taxonomy


@pytest.mark.parametrize(
    ("call", "english", "latvian"),
    [
        (
            lambda t: t.label("http://example.org/x"),
            "unknown URI http://example.org/x",
            "nezināms URI",
        ),
        (
            lambda t: t.skills_of("http://example.org/x"),
            "an ESCO occupation, got",
            "ESCO profesijas",
        ),
    ],
)
def test_an_unknown_uri_is_named_and_translated(call, english, latvian):
    with pytest.raises(InputError) as refused:
        call(Taxonomy.load())
    message = refused.value.args[0]
    assert english in str(message) and "http://example.org/x" in str(message)
    assert latvian in message.translate("lv") and "http://example.org/x" in message.translate("lv")
