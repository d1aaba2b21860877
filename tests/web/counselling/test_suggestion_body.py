"""A suggestion's HTML is written once per language and view, and kept on the suggestion."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from openpes.web.counselling.suggestions import SuggestionView
from openpes.web.ui.templatetags.suggestions import suggestion_body


def _suggestion(**changes) -> SuggestionView:
    values = dict(
        rank=1,
        vacancy_id="VAC-<1>",
        occupation="Welder <b>",
        region="Gent",
        hours="full",
        contract="permanent",
        salary_eur=32000.0,
        distance_km=12.4,
        score=0.8,
        reasons=["Matches 4 of 5 essential skills."],
        matched=["weld metal"],
        missing=["read blueprints"],
        partial=[],
        beyond_distance=True,
        closes_on=dt.date(2026, 12, 31),
    )
    values.update(changes)
    return SuggestionView(**values)


def test_the_body_follows_the_language_and_whose_view_it_is():
    suggestion = _suggestion()
    with translation.override("en"):
        english = suggestion_body(suggestion, False)
        counsellor = suggestion_body(suggestion, True)
    with translation.override("fr"):
        french = suggestion_body(suggestion, False)
    assert "Why this vacancy?" in english and "Pourquoi cette offre ?" in french
    assert "Farther than you wish to travel." in english
    assert "Farther than the job seeker wishes to travel." in counsellor
    assert "Welder &lt;b&gt;" in english and "<b>" not in english
    assert set(suggestion.html) == {("en", False), ("en", True), ("fr", False)}


def test_the_kept_html_is_what_is_shown_again_and_is_not_part_of_equality():
    suggestion = _suggestion()
    with translation.override("en"):
        first = suggestion_body(suggestion, False)
        suggestion.html[("en", False)] = "kept"
        assert suggestion_body(suggestion, False) == "kept"  # read back, not re-rendered
    assert first != "kept"
    assert suggestion == _suggestion()  # the kept HTML does not make two suggestions differ
