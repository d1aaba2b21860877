"""A decision that names a suggestion not shown to this counsellor for this person is refused
on the job seeker's page itself (GOV.UK pattern), not on a separate page.

It used to go to a "Decision refused" page, where the reason the counsellor had typed was lost.
Now the page is shown again (400) with a summary, the message at the decision and the input
kept, bound to the suggestion on the screen; nothing of the other person, and no internal id,
is shown. The refusal itself stores and records nothing; showing the page again is a read,
and records the suggestions it shows, as for every failed form on this page.
"""

from __future__ import annotations

import re

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from openpes.web.counselling.models import ShownSuggestion, SuggestionDecision
from openpes.web.counselling.services import ShownItem, suggestion_set_record
from openpes.web.trail.models import AuditEvent
from tests.web.counselling.test_pages import (  # noqa: F401  (a fixture)
    _login,
    _shown_on_page,
    person_near_vacancies,
)
from tests.web.factories import JobSeekerFactory

REASON = "Shift hours do not fit child care"


@pytest.fixture
def tampering(person_near_vacancies):  # noqa: F811
    """The counsellor's page of the person, and a suggestion shown to them for someone else."""
    counsellor, person, vacancy = person_near_vacancies
    client = _login(counsellor)
    detail = reverse("jobseeker_detail", args=[person.reference])
    shown = _shown_on_page(client, detail, counsellor, vacancy["vacancy_id"])
    other = JobSeekerFactory(counsellor=counsellor, first_name="Zebedee", last_name="Quartermain")
    theirs = suggestion_set_record(
        actor=counsellor,
        jobseeker=other,
        page="counsellor",
        index_version="x",
        items=[ShownItem("vacancy", "VAC-THEIRS-77", 1, 0.9, "Lighthouse keeper (VAC-THEIRS-77)")],
    ).shown_items[0]
    return client, person, other, shown, theirs


def _post(client, person, **fields):
    payload = {"verdict": "rejected", "reason": REASON, **fields}
    return client.post(reverse("suggestion_decision", args=[person.reference]), payload)


def _form_of(html: str, vacancy_id: str) -> str:
    """The decision form of one suggestion on the page."""
    start = html.index(f'id="id_{vacancy_id}_reason"')
    return html[html.rindex("<form", 0, start) : html.index("</form>", start)]


def _assert_kept_at_the_decision(html: str, vacancy_id: str, person) -> None:
    form = _form_of(html, vacancy_id)
    assert 'class="error-summary"' in html and 'href="#form-errors"' in html
    assert 'id="form-errors"' in form, "the message is at the decision, inside its form"
    assert REASON in form, "the typed reason is kept"
    checked = re.findall(r'<input type="radio" name="verdict" value="(\w+)"[^>]*checked', form)
    assert checked == ["rejected"], "the chosen action is kept"
    fresh = ShownSuggestion.objects.filter(
        suggestion_set__shown_to=person.counsellor, item_id=vacancy_id
    ).latest("pk")
    assert f'name="shown" value="{fresh.pk}"' in form, "bound to the suggestion on the screen"
    assert f'name="item_id" value="{vacancy_id}"' in form


def _assert_nothing_of_the_other_person(html: str, other, theirs) -> None:
    for secret in (other.reference, "Zebedee", "Quartermain", "Lighthouse", "VAC-THEIRS-77"):
        assert secret not in html
    assert f'value="{theirs.pk}"' not in html


def test_another_persons_suggestion_is_refused_on_the_page_with_the_input_kept(tampering):
    client, person, other, shown, theirs = tampering
    decisions_before = AuditEvent.objects.filter(action="decision.recorded").count()
    response = _post(client, person, shown=theirs.pk, item_id=shown.item_id)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Decision refused" not in html
    _assert_kept_at_the_decision(html, shown.item_id, person)
    _assert_nothing_of_the_other_person(html, other, theirs)
    assert not SuggestionDecision.objects.exists()
    assert AuditEvent.objects.filter(action="decision.recorded").count() == decisions_before


@pytest.mark.parametrize("pointer", ["made-up", "not-a-number", "missing"])
def test_a_made_up_suggestion_is_refused_on_the_page_with_the_input_kept(tampering, pointer):
    client, person, other, shown, theirs = tampering
    value = {"made-up": {"shown": 10**9}, "not-a-number": {"shown": "x"}, "missing": {}}[pointer]
    response = _post(client, person, item_id=shown.item_id, **value)
    assert response.status_code == 400
    html = response.content.decode()
    _assert_kept_at_the_decision(html, shown.item_id, person)
    assert str(10**9) not in html
    assert not SuggestionDecision.objects.exists()


def test_a_swapped_item_is_refused_at_the_suggestion_that_was_shown(tampering):
    """The server's own pointer (``shown``) says which suggestion the form was; a forged
    ``item_id`` beside it is refused there, and the form points at the real item again."""
    client, person, other, shown, theirs = tampering
    response = _post(client, person, shown=shown.pk, item_id=theirs.item_id)
    assert response.status_code == 400
    html = response.content.decode()
    _assert_kept_at_the_decision(html, shown.item_id, person)
    _assert_nothing_of_the_other_person(html, other, theirs)
    assert not SuggestionDecision.objects.exists()


def test_a_decision_naming_nothing_on_the_page_keeps_the_typed_text_at_the_suggestions(
    tampering,
):
    client, person, other, shown, theirs = tampering
    response = _post(client, person, shown=theirs.pk, item_id="VAC-MADE-UP-5")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#decision-not-shown"' in html
    block = html[html.index('id="decision-not-shown"') :].split("</div>", 1)[0]
    assert REASON in block, "the typed reason is kept where the message is"
    assert "Rejected" in block, "and the chosen action"
    assert "VAC-MADE-UP-5" not in html
    _assert_nothing_of_the_other_person(html, other, theirs)
    assert not SuggestionDecision.objects.exists()


def test_the_refusal_records_no_decision_and_the_page_shown_again_its_read(tampering):
    client, person, other, shown, theirs = tampering
    before = AuditEvent.objects.count()
    _post(client, person, shown=theirs.pk, item_id=shown.item_id)
    actions = list(
        AuditEvent.objects.order_by("position")[before:].values_list("action", flat=True)
    )
    # The same events as any failed form on this page: the read, and the suggestions shown.
    assert sorted(actions) == ["record.viewed", "suggestions.opened"]


def test_the_message_is_in_the_page_language(tampering):
    client, person, other, shown, theirs = tampering
    with translation.override("en"):
        english = _post(client, person, shown=theirs.pk, item_id=shown.item_id).content.decode()
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    french = _post(client, person, shown=theirs.pk, item_id=shown.item_id).content.decode()
    assert 'lang="fr"' in french

    def message(html: str) -> str:
        return html.split('id="form-errors">', 1)[1].split("</div>", 1)[0]

    assert message(english) != message(french)


def test_the_separate_refusal_page_is_gone():
    with pytest.raises(TemplateDoesNotExist):
        get_template("counselling/decision_refused.html")
