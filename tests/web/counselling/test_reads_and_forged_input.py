"""Every showing of a record is a read in the trail, and forged form input is refused.

Found by a review of the rules: a failed form showed the whole record again without a read
event; a review choice "suggestion:²" passed ``isdigit`` and crashed ``int``; a vacancy
answer's item was not checked against the vacancy shown.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from openpes.web.counselling.models import ShownSuggestion, VacancyAction
from openpes.web.trail.models import AuditEvent
from tests.web.counselling.test_pages import _login, person_near_vacancies  # noqa: F401


def _reads(person) -> int:
    return AuditEvent.objects.filter(
        action="record.viewed", subject=f"jobseeker:{person.reference}"
    ).count()


def test_a_failed_note_shows_the_record_and_records_the_read(person_near_vacancies):  # noqa: F811
    counsellor, person, _ = person_near_vacancies
    before = _reads(person)
    response = _login(counsellor).post(reverse("note_create", args=[person.reference]), {})
    assert response.status_code == 400 and person.reference in response.content.decode()
    assert _reads(person) == before + 1


def test_a_failed_review_request_records_the_read(person_near_vacancies):  # noqa: F811
    _, person, _ = person_near_vacancies
    client = _login(person.user)
    before = _reads(person)
    response = client.post(reverse("my_review_request"), {"item": "", "message": ""})
    assert response.status_code == 400
    assert _reads(person) == before + 1


def test_the_skill_search_records_the_read(person_near_vacancies):  # noqa: F811
    counsellor, person, _ = person_near_vacancies
    before = _reads(person)
    url = reverse("caseload_skill_search", args=[person.reference])
    assert _login(counsellor).get(url, {"skill_q": "forklift"}).status_code == 200
    assert _reads(person) == before + 1


@pytest.mark.parametrize("item", ["suggestion:²", "suggestion:①", "suggestion:" + "9" * 5000])
def test_a_forged_review_choice_is_a_form_error_not_a_crash(person_near_vacancies, item):  # noqa: F811
    _, person, _ = person_near_vacancies
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    response = client.post(reverse("my_review_request"), {"item": item, "message": "Please check"})
    assert response.status_code == 400
    assert 'class="error-summary' in response.content.decode()


def test_a_review_choice_follows_only_what_was_shown_to_this_person(
    person_near_vacancies,  # noqa: F811
    make_user,
):
    counsellor, person, _ = person_near_vacancies
    _login(counsellor).get(reverse("jobseeker_detail", args=[person.reference]))
    theirs = ShownSuggestion.objects.filter(suggestion_set__shown_to=counsellor).first()
    assert theirs is not None
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    page = client.post(
        reverse("my_review_request"), {"item": f"suggestion:{theirs.pk}", "message": "Please"}
    ).content.decode()
    # The counsellor's shown item is not mapped onto the job seeker's own choices.
    chosen = [tag for tag in re.findall(r"<option[^>]*>", page) if "selected" in tag]
    assert not any("suggestion:" in tag for tag in chosen), chosen


def test_a_vacancy_answer_must_name_the_vacancy_that_was_shown(person_near_vacancies):  # noqa: F811
    _, person, _ = person_near_vacancies
    client = _login(person.user)
    client.get(reverse("jobseeker_home"))
    shown = ShownSuggestion.objects.filter(suggestion_set__shown_to=person.user).first()
    assert shown is not None
    response = client.post(
        reverse("my_vacancy_response"),
        {"shown": shown.pk, "item_id": "VAC-OTHER", "response": "saved", "reason": ""},
    )
    assert response.status_code == 400
    assert not VacancyAction.objects.exists()
    ok = client.post(
        reverse("my_vacancy_response"),
        {"shown": shown.pk, "item_id": shown.item_id, "response": "saved", "reason": ""},
    )
    assert ok.status_code == 302 and VacancyAction.objects.get().vacancy_id == shown.item_id


@pytest.mark.parametrize("viewer", ["counsellor", "jobseeker"])
def test_a_page_without_suggestions_still_records_the_read(person_near_vacancies, viewer):  # noqa: F811
    """While matching is paused the read's event cannot go with a shown set: it goes alone."""
    from openpes.web.oversight.models import AISystem
    from openpes.web.oversight.services import system_pause

    counsellor, person, _ = person_near_vacancies
    system_pause(
        system=AISystem.objects.get(key="matching"), actor="cli:test", reason="Bias under review"
    )
    before = _reads(person)
    if viewer == "counsellor":
        url, client = reverse("jobseeker_detail", args=[person.reference]), _login(counsellor)
    else:
        url, client = reverse("jobseeker_home"), _login(person.user)
    assert client.get(url).status_code == 200
    assert _reads(person) == before + 1
    assert not ShownSuggestion.objects.exists()
    assert not AuditEvent.objects.filter(action="suggestions.opened").exists()
