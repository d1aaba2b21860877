"""Caseload services refuse bad input with messages in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from openpes.errors import InputError
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.services import (
    jobseeker_details_correct,
    jobseeker_preferences_update,
    jobseeker_skill_add,
)
from openpes.web.ui.errors import error_text
from tests.web.factories import JobSeekerFactory


def test_an_unknown_skill_is_refused_in_french(db):
    person = JobSeekerFactory()
    with pytest.raises(InputError) as caught:
        jobseeker_skill_add(
            actor=None, jobseeker=person, skill_uri="not-a-skill", source=SkillSource.COUNSELLOR
        )
    # Raised in English, shown in French: the message is translated where it is read.
    with translation.override("fr"):
        text = error_text(caught.value)
    assert text == "colonne 'skill_uri': l'URI d'une compétence ESCO était attendue"


@pytest.mark.parametrize(
    ("update", "fields", "language", "expected"),
    [
        (
            jobseeker_preferences_update,
            {"colour": "blue"},
            "de",
            "unbekannte Präferenzfelder colour; erwartet werden einige aus "
            "max_distance_km, preferred_hours, preferred_contract",
        ),
        (
            jobseeker_details_correct,
            {"region": "North", "colour": "blue"},
            "lv",
            "nezināmi lauki colour, region; tika gaidīti daži no isced, languages, driving_licence",
        ),
    ],
)
def test_unknown_fields_are_named_in_the_language_of_the_request(
    db, update, fields, language, expected
):
    person = JobSeekerFactory()
    with translation.override(language), pytest.raises(InputError) as caught:
        update(actor=None, jobseeker=person, **fields)
    with translation.override(language):
        assert error_text(caught.value) == expected
