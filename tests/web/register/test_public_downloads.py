"""The public register's downloads show no aggregate over fewer than 10 people (rule 3).

A group of 3 people and rates over 5 decisions are in the stored publication (as records
published before the rule was applied at read time are); every no-login download must leave
them out and still show the large group.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.models import SupportAssessment
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.models import Publication
from openpes.web.register.presenters import PUBLIC_FORMATS
from openpes.web.register.selectors import record_get
from openpes.web.register.services import record_publish
from tests.web.factories import JobSeekerFactory

# Rates that appear nowhere else, written the ways the exports write them (JSON, en, nl).
SMALL_SELECTION, SMALL_FNR = 0.8123, 0.6789
OVERRIDE, REVIEW = 0.3217, 0.1789
LARGE_SELECTION = 0.5555


def _spellings(rate: float) -> list[str]:
    tenth = f"{rate * 100:.1f}"
    return [str(rate), tenth, tenth.replace(".", ",")]


LEAKS = [
    "tiny-group",
    *_spellings(SMALL_SELECTION),
    *_spellings(SMALL_FNR),
    *_spellings(OVERRIDE),
    *_spellings(REVIEW),
]


@pytest.fixture
def small_publication(db, support_model_installed):
    register_demo_seed()
    record = record_get(system="support-needs")
    publication = Publication.objects.get(record=record)
    live = publication.snapshot["live"]
    live["groups"] = [
        {
            "attribute": "origin",
            "group": "tiny-group",
            "n": 3,
            "selection_rate": SMALL_SELECTION,
            "false_positive_rate": 0.0,
            "false_negative_rate": SMALL_FNR,
        },
        {
            "attribute": "origin",
            "group": "big-group",
            "n": 50,
            "selection_rate": LARGE_SELECTION,
            "false_positive_rate": 0.1,
            "false_negative_rate": 0.2,
        },
    ]
    live.update(decisions=5, override_rate=OVERRIDE, review_requests=1, review_rate=REVIEW)
    publication.save()
    return publication


def _url(publication: Publication, fmt: str) -> str:
    if fmt == BULK_CSV:
        return reverse("public_ai_csv")
    return reverse("public_ai_download", args=[publication.pk, fmt])


BULK_CSV = "algoritmeregister.csv"
DOWNLOADS = [*PUBLIC_FORMATS, BULK_CSV]


def test_every_public_format_is_covered():
    assert set(PUBLIC_FORMATS) == {
        "json",
        "atrs",
        "atrs-html",
        "nl-algoritmeregister",
        "nl-algoritmeregister-csv",
    }


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
@pytest.mark.parametrize("fmt", DOWNLOADS)
def test_public_downloads_leave_out_small_groups_and_rates(
    client, small_publication, fmt, language
):
    response = client.get(_url(small_publication, fmt), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    assert [leak for leak in LEAKS if leak in text] == []
    assert "big-group" in text


def test_the_downloads_say_what_was_left_out(client, small_publication):
    url = reverse("public_ai_download", args=[small_publication.pk, "atrs-html"])
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Groups of fewer than 10 people are not shown, to protect privacy (1 group left out)."
        in text
    )
    assert "Override rate: not shown for fewer than 10 decisions." in text
    # The Dutch register is always in Dutch, notes included.
    url = reverse("public_ai_download", args=[small_publication.pk, "nl-algoritmeregister"])
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Groepen van minder dan 10 mensen worden niet getoond" in text
    assert "Percentage afwijkingen: niet getoond bij minder dan 10 besluiten." in text
    url = reverse("public_ai_download", args=[small_publication.pk, "json"])
    live = client.get(url).json()["live"]
    assert [g["group"] for g in live["groups"]] == ["big-group"]
    assert (live["groups_withheld"], live["rates_withheld"]) == (1, True)
    assert live["override_rate"] is None and live["review_rate"] is None


def _assessments(counsellor, count: int) -> None:
    person = JobSeekerFactory()
    for i in range(count):
        SupportAssessment.objects.create(
            jobseeker=person,
            counsellor=counsellor,
            counsellor_band="high",
            model_band="high" if i else "low",
            final_band="high",
            reason="r",
        )


def test_a_new_publication_is_safe_and_oversight_still_sees_the_figures(
    client, client_for, make_user, small_publication
):
    _assessments(make_user(Role.COUNSELLOR), 5)  # 1 of 5 overridden: 20.0%
    publication = record_publish(record=small_publication.record, actor=None)
    assert publication.snapshot["live"]["override_rate"] is None
    for fmt in DOWNLOADS:
        text = client.get(_url(publication, fmt)).content.decode()
        assert "20.0%" not in text and "20,0" not in text and "0.2," not in text, fmt
    # The oversight officer's register page is inside the oversight role: full figures.
    page = client_for(Role.OVERSIGHT).get(reverse("register_home")).content.decode()
    assert "overrode the model in 20.0% of 5 decisions" in page


def test_rates_over_ten_decisions_are_published(client, make_user, small_publication):
    _assessments(make_user(Role.COUNSELLOR), 10)  # 1 of 10 overridden: 10.0%
    publication = record_publish(record=small_publication.record, actor=None)
    url = reverse("public_ai_download", args=[publication.pk, "atrs-html"])
    assert "overrode the model in 10.0% of 10 decisions" in client.get(url).content.decode()
