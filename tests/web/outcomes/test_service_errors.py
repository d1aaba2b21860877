"""An outcome for a person who is not registered is refused, with the row, in any language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from openpes.errors import InputError
from openpes.web.outcomes.models import Outcome
from openpes.web.outcomes.services import outcomes_upsert
from openpes.web.ui.errors import error_text
from tests.web.factories import JobSeekerFactory


def test_an_unregistered_person_is_refused_in_spanish(db):
    known = JobSeekerFactory()
    day = dt.date(2026, 11, 2)
    records = [
        {"jobseeker_id": known.reference, "observed_on": day, "status": "employed"},
        {"jobseeker_id": "NOBODY", "observed_on": day, "status": "employed"},
    ]
    with pytest.raises(InputError) as caught:
        outcomes_upsert(actor=None, records=records, source="backoffice")
    with translation.override("es"):
        text = error_text(caught.value)
    assert text == (
        "columna 'jobseeker_id', fila 2: se esperaba la referencia de un demandante inscrito"
    )
    assert not Outcome.objects.exists()
