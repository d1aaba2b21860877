"""A count on a page takes the plural form its language gives that number.

English has two forms; French and Spanish three (0 and 1 are singular in French), Latvian three
(21 is singular, 11 and 10 are not). A decimal shown as it is ("1.5 years") takes the form
CLDR gives the fraction: singular in French ("1,5 an"), plural in German ("1,5 Jahre").
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from openpes.web.register.demo import register_demo_seed
from openpes.web.register.models import Publication
from openpes.web.register.selectors import record_get
from openpes.web.www.case_pages.caseload_forms import SkillSearchForm


def _group(name: str, n: int) -> dict:
    return {
        "attribute": "origin",
        "group": name,
        "n": n,
        "selection_rate": 0.5,
        "false_positive_rate": 0.1,
        "false_negative_rate": 0.2,
    }


@pytest.fixture
def publish_groups(db, support_model_installed):
    """The published record of the support-needs model, with ``tiny`` groups of 3 people."""
    register_demo_seed()
    publication = Publication.objects.get(record=record_get(system="support-needs"))

    def publish(tiny: int) -> None:
        live = publication.snapshot["live"]
        live["groups"] = [_group("big-group", 50)] + [_group(f"tiny-{i}", 3) for i in range(tiny)]
        publication.save()

    return publish


@pytest.mark.parametrize(
    ("language", "tiny", "note"),
    [
        ("en", 1, "to protect privacy (1 group left out)."),
        ("en", 2, "to protect privacy (2 groups left out)."),
        ("fr", 1, "pour protéger la vie privée (1 groupe omis)."),
        ("fr", 2, "pour protéger la vie privée (2 groupes omis)."),
        ("lv", 1, "(izlaista 1 grupa)."),
        ("lv", 2, "(izlaistas 2 grupas)."),
    ],
)
def test_the_public_register_counts_the_groups_it_leaves_out(
    client, publish_groups, language, tiny, note
):
    publish_groups(tiny)
    page = client.get(reverse("public_ai"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert note in page
    assert "tiny-0" not in page


def _evidence(completed: int, members: int) -> SimpleNamespace:
    overall = SimpleNamespace(completed=completed, members=members)
    return SimpleNamespace(overall=overall, teams=[], hidden_teams=False)


@pytest.mark.parametrize(
    ("language", "members", "sentence"),
    [
        ("en", 12, "3 of 12 counsellors completed the course"),
        ("lv", 21, "pabeigts: 3 no 21 konsultanta."),
        ("lv", 22, "pabeigts: 3 no 22 konsultantiem."),
        ("lv", 11, "pabeigts: 3 no 11 konsultantiem."),
        ("fr", 12, "terminé par 3 des 12 conseillers."),
    ],
)
def test_literacy_evidence_counts_the_counsellors(language, members, sentence):
    with translation.override(language):
        html = render_to_string(
            "register/_literacy_evidence.html", {"evidence": _evidence(3, members)}
        )
    assert sentence in html


def _profile(years: float) -> str:
    jobseeker = SimpleNamespace(
        reference="JS-1",
        region="north",
        registered_on=dt.date(2026, 1, 5),
        previous_spells=0,
        isced=3,
        languages=["en"],
        driving_licence=True,
        max_distance_km=20,
        get_preferred_hours_display="Full time",
        get_preferred_contract_display="Permanent",
    )
    profile = SimpleNamespace(
        months_registered=3, experience=[("Welder", years)], preferred_occupations=[]
    )
    return render_to_string("caseload/_profile.html", {"jobseeker": jobseeker, "profile": profile})


@pytest.mark.parametrize(
    ("language", "years", "shown"),
    [
        ("en", 1.0, "Welder: 1 year<"),
        ("en", 2.0, "Welder: 2 years<"),
        ("en", 1.5, "Welder: 1.5 years<"),
        ("en", 1.04, "Welder: 1.0 years<"),  # counted as shown: CLDR's 1.0 is plural
        ("fr", 1.5, "Welder : 1,5 an<"),
        ("fr", 2.5, "Welder : 2,5 ans<"),
        ("de", 1.5, "Welder: 1,5 Jahre<"),
        ("de", 1.0, "Welder: 1 Jahr<"),
        ("lv", 21.0, "Welder: 21 gads<"),
        ("lv", 2.1, "Welder: 2,1 gads<"),
        ("lv", 2.5, "Welder: 2,5 gadi<"),
        ("lv", 11.0, "Welder: 11 gadi<"),
        ("fr", 1.04, "Welder : 1,0 an<"),
    ],
)
def test_work_history_years_take_the_form_of_the_number_shown(language, years, shown):
    with translation.override(language):
        assert shown in _profile(years)


@pytest.mark.parametrize(
    ("language", "limit", "ending"),
    [
        ("en", 1, "at most 1 character long."),
        ("en", 100, "at most 100 characters long."),
        ("lv", 21, "ne vairāk kā 21 rakstzīmi."),
        ("lv", 100, "ne vairāk kā 100 rakstzīmes."),
    ],
)
def test_the_skill_search_limit_is_counted(language, limit, ending):
    field = SkillSearchForm.base_fields["skill_q"]
    with translation.override(language):
        assert str(field.error_messages["max_length"] % {"limit_value": limit}).endswith(ending)
