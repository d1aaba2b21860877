"""The counsellor's wording: "A, B, C and N more" counts the skills left out with a real plural."""

from __future__ import annotations

import pytest
from django.utils import translation

from openpes.web.counselling.wording import MAX_SKILLS, _names

# URIs the taxonomy does not know are shown as they are, which keeps the labels predictable.
URIS = [f"urn:test:skill-{i}" for i in range(MAX_SKILLS + 2)]


@pytest.mark.parametrize(
    ("language", "left_out", "expected"),
    [
        ("en", 1, "1 more"),
        ("en", 2, "2 more"),
        ("fr", 1, "1 autre"),
        ("fr", 2, "2 autres"),
        ("fi", 1, "1 muu"),
        ("fi", 2, "2 muuta"),
    ],
)
def test_the_skills_left_out_are_counted_in_the_language(db, language, left_out, expected):
    with translation.override(language):
        text = _names(URIS[: MAX_SKILLS + left_out])
    assert text.endswith(expected), text
