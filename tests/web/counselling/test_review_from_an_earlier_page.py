"""A review request sent from an earlier load of ``/me/`` is kept, not refused.

Found by a new-user walkthrough: every view of ``/me/`` records a new shown set, so a
request sent from a second tab, an older load or after an error page named a suggestion of
an earlier set and was refused with Django's "Select a valid choice. suggestion:424 is not
one of the available choices." The item must still be one shown to this person; anything
else is refused at the field, in the page's language, without an internal id.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from openpes.web.counselling.models import (
    ReviewRequest,
    ShownSuggestion,
    SuggestionDecision,
    SuggestionSet,
    SupportAssessment,
)
from openpes.web.counselling.review_selectors import SELF_SERVICE_PAGE
from openpes.web.counselling.services import ShownItem, suggestion_set_record
from tests.web.counselling.test_pages import _login, person_near_vacancies  # noqa: F401

MESSAGE = "The shifts are at night; I care for my son"


def _shown_on_own_page(person, vacancy_id: str) -> ShownSuggestion:
    return ShownSuggestion.objects.filter(
        suggestion_set__shown_to=person.user, item_id=vacancy_id
    ).latest("suggestion_set__shown_at", "pk")


def _field_errors(page: str) -> str:
    found = re.search(r'<ul class="errorlist" id="id_item_errors">(.*?)</ul>', page, re.S)
    return found.group(1) if found else ""


def _chosen_items(page: str) -> list[str]:
    select = re.search(r'<select name="item"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def test_a_request_from_an_earlier_load_of_the_page_is_sent(person_near_vacancies):  # noqa: F811
    _, person, vacancy = person_near_vacancies
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    first = _shown_on_own_page(person, vacancy["vacancy_id"])
    client.get(reverse("jobseeker_home"))  # a second tab, or the page opened again
    assert _shown_on_own_page(person, vacancy["vacancy_id"]).pk != first.pk
    response = client.post(
        reverse("my_review_request"), {"item": f"suggestion:{first.pk}", "message": MESSAGE}
    )
    assert response.status_code == 302, _field_errors(response.content.decode())
    review = ReviewRequest.objects.get()
    # Resolved to what was shown then, on the earlier page.
    assert review.shown_id == first.pk and review.message == MESSAGE


def test_an_earlier_item_is_kept_when_another_field_fails(person_near_vacancies):  # noqa: F811
    _, person, vacancy = person_near_vacancies
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    first = _shown_on_own_page(person, vacancy["vacancy_id"])
    client.get(reverse("jobseeker_home"))
    page = client.post(
        reverse("my_review_request"), {"item": f"suggestion:{first.pk}", "message": ""}
    ).content.decode()
    assert _field_errors(page) == "", "the item was shown to this person: no error at it"
    chosen = _chosen_items(page)
    assert len(chosen) == 1 and chosen[0].startswith("suggestion:"), chosen


def test_a_vacancy_no_longer_offered_is_asked_about_as_it_was_shown(
    person_near_vacancies,  # noqa: F811
):
    _, person, _ = person_near_vacancies
    earlier = suggestion_set_record(
        actor=person.user,
        jobseeker=person,
        page=SELF_SERVICE_PAGE,
        index_version="earlier",
        items=[ShownItem("vacancy", "VAC-GONE", 1, 0.9, "Welder (VAC-GONE)")],
    ).shown_items[0]
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    key = f"suggestion:{earlier.pk}"
    page = client.post(reverse("my_review_request"), {"item": key, "message": ""})
    assert _chosen_items(page.content.decode()) == [key], "kept as it was shown then"
    assert "Welder (VAC-GONE)" in page.content.decode()
    sent = client.post(reverse("my_review_request"), {"item": key, "message": MESSAGE})
    assert sent.status_code == 302
    assert ReviewRequest.objects.get().shown_id == earlier.pk


def test_an_item_not_shown_to_this_person_is_refused_at_the_field(
    person_near_vacancies,  # noqa: F811
):
    counsellor, person, vacancy = person_near_vacancies
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    theirs = ShownSuggestion.objects.get(suggestion_set__shown_to=counsellor)
    client = _login(person.user)
    client.cookies["django_language"] = "fr"
    client.get(reverse("jobseeker_home"))
    for item in (f"suggestion:{theirs.pk}", "suggestion:987654", "assessment:987654"):
        response = client.post(reverse("my_review_request"), {"item": item, "message": MESSAGE})
        page = response.content.decode()
        assert response.status_code == 400
        error = _field_errors(page)
        assert "Choisissez dans la liste ce qui doit être réexaminé." in error, error
        assert 'href="#id_item"' in page, "the summary links to the field"
        assert item not in error and item.split(":")[1] not in page.split("error-summary")[1][:400]
        assert "n’en fait pas partie" not in page and "n'en fait pas partie" not in page
        assert MESSAGE.replace("'", "&#x27;") in page, "what was typed is kept"
    assert not ReviewRequest.objects.exists()


def test_an_expired_set_says_to_choose_again_and_keeps_the_message(
    person_near_vacancies,  # noqa: F811
):
    _, person, vacancy = person_near_vacancies
    client = _login(person.user)
    client.cookies["django_language"] = "fr"
    client.get(reverse("jobseeker_home"))
    first = _shown_on_own_page(person, vacancy["vacancy_id"])
    long_ago = first.suggestion_set.shown_at - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    SuggestionSet.objects.filter(pk=first.suggestion_set_id).update(shown_at=long_ago)
    client.get(reverse("jobseeker_home"))
    response = client.post(
        reverse("my_review_request"), {"item": f"suggestion:{first.pk}", "message": MESSAGE}
    )
    page = response.content.decode()
    assert response.status_code == 400
    error = _field_errors(page)
    assert "plus à jour" in error and "Choisissez à nouveau" in error, error
    # No internal id in the text (unescaped first: "n&#x27;est" holds digits of its own).
    assert not re.search(rf"\b{first.pk}\b", html.unescape(error)), error
    assert MESSAGE.replace("'", "&#x27;") in page
    # The same vacancy, still shown now, is chosen again for them: one click to send.
    now = _shown_on_own_page(person, vacancy["vacancy_id"])
    assert _chosen_items(page) == [f"suggestion:{now.pk}"]
    assert not ReviewRequest.objects.exists()


def test_a_counsellor_decides_from_an_earlier_load_of_the_case_page(
    person_near_vacancies,  # noqa: F811
):
    """The counsellor's decision forms point at any set shown to this counsellor for this
    person (``services._shown_to``): an older tab is not refused. A guard, not a fix."""
    counsellor, person, vacancy = person_near_vacancies
    client = _login(counsellor)
    url = reverse("jobseeker_detail", args=[person.reference])
    client.get(url)
    first = ShownSuggestion.objects.get(suggestion_set__shown_to=counsellor)
    client.get(url)
    response = client.post(
        reverse("suggestion_decision", args=[person.reference]),
        {
            "shown": first.pk,
            "item_id": first.item_id,
            "verdict": "accepted",
            "reason": "Fits the skills and the hours",
        },
    )
    assert response.status_code == 302
    assert SuggestionDecision.objects.get().shown_id == first.pk


def test_an_assessment_decided_again_since_says_to_choose_again(
    person_near_vacancies,  # noqa: F811
):
    counsellor, person, _ = person_near_vacancies
    now = timezone.now()
    older, _newer = (
        SupportAssessment.objects.create(
            jobseeker=person,
            counsellor=counsellor,
            counsellor_band=band,
            final_band=band,
            reason="Discussed together",
            decided_at=now - dt.timedelta(days=days),
        )
        for band, days in (("high", 2), ("medium", 1))
    )
    client = _login(person.user)
    response = client.post(
        reverse("my_review_request"), {"item": f"assessment:{older.pk}", "message": MESSAGE}
    )
    assert response.status_code == 400
    error = _field_errors(response.content.decode())
    assert "out of date" in error, error
    assert not re.search(rf"\b{older.pk}\b", html.unescape(error)), error
    assert not ReviewRequest.objects.exists()
