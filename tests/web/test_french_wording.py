"""Wording slips a French reader noticed: an elision the template could not make, and one
decision choice written two ways on the same form."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from openpes.i18n import LANGUAGES
from openpes.web.counselling.enums import Verdict

#: French elides "de" before a vowel ("d'Évaluation"); a name put after "de" cannot follow it.
_UNELIDED = re.compile(r"\bde [AEIOUYÉÈÊÀÂÎÔaeiouyéèêàâîô]")


@pytest.mark.parametrize("name", ["Évaluation des besoins d’accompagnement", "Offres d’emploi"])
def test_the_public_fairness_caption_reads_well_before_any_system_name(name):
    with translation.override("fr"):
        caption = gettext("Latest fairness results of %(name)s, by group") % {"name": name}
    assert name in caption
    assert not _UNELIDED.search(caption), caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_adaptation_field_names_the_choice_as_the_choice_reads(language):
    with translation.override(language):
        choice = str(Verdict.ADAPTED.label)
        label = gettext("What did you adapt? (only for “Adapted”)")
    assert choice in label, (choice, label)
