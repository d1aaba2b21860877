"""A wished-for occupation chosen through a national classification (ISCO-08 crosswalk)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.urls import reverse
from django.utils import translation

from openpes.errors import InputError
from openpes.taxonomy import import_esco, read_crosswalk, save_crosswalk
from openpes.web.accounts.enums import Role
from openpes.web.caseload.taxonomy import label_of, taxonomy
from openpes.web.classifications.selectors import (
    candidates,
    national_choices,
    national_codes_of,
    occupation_uris,
    scheme_codes,
    with_monitor_codes,
    with_scheme_codes,
)
from openpes.web.trail.models import AuditEvent
from tests.web.clients import signed_in as _login
from tests.web.factories import JobSeekerFactory

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "docs" / "examples" / "fictional-scheme.csv"
FINNISH = ROOT / "tests" / "core" / "taxonomy" / "fixtures" / "esco-fi"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def scheme(var: Path) -> str:
    save_crosswalk(read_crosswalk(EXAMPLE, scheme="ROC-24", taxonomy=taxonomy()))
    return "ROC-24"


def test_selectors_offer_the_scheme_and_map_both_ways(scheme: str) -> None:
    [(name, choices)] = national_choices()
    assert name == "ROC-24" and ("ROC-24:R-7212-1", "R-7212-1 Welder (fictional)") in choices
    uris = occupation_uris("ROC-24:R-7212-1")
    assert WELDER in uris and all(taxonomy().isco_group(u) == "7212" for u in uris)
    assert occupation_uris(WELDER) == [WELDER]  # an ESCO choice stands for itself
    assert occupation_uris("ROC-24:NOPE") == []
    assert national_codes_of(WELDER) == ["ROC-24:R-7212-1", "ROC-24:R-7212-2", "ROC-24:R-7210-9"]


def test_rows_get_the_codes_of_one_scheme_for_the_monitors(scheme: str) -> None:
    forklift = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
    other = next(
        uri
        for uri in taxonomy().occupations["uri"]
        if not national_codes_of(uri)  # an occupation the scheme does not cover
    )
    uris = [WELDER, forklift, other, "http://example.org/not-esco"]
    assert scheme_codes(uris, scheme) == [
        ["R-7212-1", "R-7212-2", "R-7210-9"],
        ["R-8344-1"],
        [],
        [],
    ]
    frame = pl.DataFrame({"occupation_uri": uris, "score": [0.9, 0.8, 0.7, 0.6]})
    rows = with_scheme_codes(frame, scheme, one_per_row=True)
    assert rows["national_code"].to_list() == [
        "R-7212-1",
        "R-7212-2",
        "R-7210-9",
        "R-8344-1",
        "",
        "",
    ]
    assert rows["score"].to_list() == [0.9, 0.9, 0.9, 0.8, 0.7, 0.6]
    with pytest.raises(InputError, match="crosswalk import"):
        scheme_codes(uris, "KSCO-7")


def test_counsellor_picks_the_closest_esco_occupation_of_a_national_code(scheme, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, preferred_occupations=[])
    client = _login(counsellor)
    detail = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    url = reverse("national_occupation", args=[person.reference])
    assert url in detail
    page = client.get(url, {"national": "ROC-24:R-7212-1"}).content.decode()
    assert "R-7212-1 Welder (fictional) (ROC-24)" in page
    assert all(c.uri in page for c in candidates("ROC-24:R-7212-1"))
    response = client.post(url, {"national": "ROC-24:R-7212-1", "occupation_uri": WELDER})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_occupations == [WELDER]
    event = AuditEvent.objects.filter(action="record.changed").last()
    assert event.details == {
        "preferred_occupation_added": WELDER,
        "national_code": "ROC-24:R-7212-1",
    }
    shown = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    assert "welder" in shown


def test_an_occupation_outside_the_codes_groups_is_refused(scheme, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, preferred_occupations=[])
    nurse = taxonomy().search("nurse responsible for general care")[0].uri
    url = reverse("national_occupation", args=[person.reference])
    page = _login(counsellor).post(
        url, {"national": "ROC-24:R-7212-1", "occupation_uri": nurse}, follow=True
    )
    assert "Choose one of the ESCO occupations listed." in page.content.decode()
    person.refresh_from_db()
    assert person.preferred_occupations == []


def test_another_counsellors_job_seeker_is_forbidden(scheme, make_user):
    person = JobSeekerFactory(counsellor=make_user(Role.COUNSELLOR))
    client = _login(make_user(Role.COUNSELLOR))
    assert client.get(reverse("national_occupation", args=[person.reference])).status_code == 403
    assert (
        _login(make_user(Role.JOBSEEKER))
        .get(reverse("national_occupation", args=[person.reference]))
        .status_code
        == 403
    )


def test_without_a_scheme_the_page_says_how_to_import_one(var, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor)
    client = _login(counsellor)
    detail = client.get(reverse("jobseeker_detail", args=[person.reference])).content.decode()
    assert reverse("national_occupation", args=[person.reference]) not in detail
    page = client.get(reverse("national_occupation", args=[person.reference])).content.decode()
    assert "openpes taxonomy crosswalk import FILE --scheme NAME" in page


def test_labels_come_in_an_imported_language_and_fall_back_to_english(var: Path) -> None:
    import_esco(FINNISH, language="fi", version="1.2.0")
    nurse = taxonomy().search("nurse responsible for general care")[0].uri
    judge = taxonomy().search("judge")[0].uri
    with translation.override("fi"):
        assert label_of(WELDER) == "hitsaaja"
        assert label_of(nurse) == "sairaanhoitaja"
        assert label_of(judge) == taxonomy().label(judge)  # not in the partial import
    with translation.override("fr"):
        assert label_of(WELDER) == "welder"  # nothing imported in French


def test_the_caseload_filters_by_a_national_code(scheme, make_user):
    from openpes.web.caseload.models import WorkExperience

    counsellor = make_user(Role.COUNSELLOR)
    welder = JobSeekerFactory(counsellor=counsellor, last_name="Weldington")
    nurse = JobSeekerFactory(counsellor=counsellor, last_name="Nursery")
    pipe_welder = taxonomy().search("pipe welder")[0].uri
    WorkExperience.objects.create(jobseeker=welder, occupation_uri=pipe_welder, years=3)
    nursing = taxonomy().search("nurse responsible for general care")[0].uri
    WorkExperience.objects.create(jobseeker=nurse, occupation_uri=nursing, years=5)
    client = _login(counsellor)
    page = client.get(reverse("counsellor_home")).content.decode()
    assert '<optgroup label="ROC-24">' in page and 'value="ROC-24:R-7212-1"' in page

    def rows(choice: str) -> str:  # the result rows alone (the page also lists who needs attention)
        url = reverse("counsellor_home")
        return client.get(url, {"occupation": choice}, HTTP_HX_REQUEST="true").content.decode()

    national = rows("ROC-24:R-7212-1")
    assert welder.reference in national and nurse.reference not in national
    by_esco = rows(nursing)
    assert nurse.reference in by_esco and welder.reference not in by_esco


def test_the_services_refusal_is_translated(scheme, make_user):
    from openpes.web.classifications.services import jobseeker_occupation_choose

    person = JobSeekerFactory(preferred_occupations=[])
    nurse = taxonomy().search("nurse responsible for general care")[0].uri
    with translation.override("fr"), pytest.raises(InputError) as refused:
        jobseeker_occupation_choose(
            actor=None, jobseeker=person, national="ROC-24:R-7212-1", occupation_uri=nurse
        )
    assert refused.value.column == "occupation_uri"
    assert "l’une des professions ESCO de ce code national" in refused.value.translate("fr")
    assert WELDER in str(refused.value)


def test_the_monitors_read_one_code_text_per_person(scheme: str) -> None:
    forklift = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
    people = pl.DataFrame({"person_id": ["1", "2", "3"], "occupation": [WELDER, forklift, None]})
    coded = with_monitor_codes(people)
    # The only imported scheme is used; every person stays one row.
    assert coded["national_code"].to_list() == ["R-7210-9 / R-7212-1 / R-7212-2", "R-8344-1", ""]


def test_without_a_scheme_the_monitors_get_no_code(var: Path) -> None:
    people = pl.DataFrame({"person_id": ["1"], "occupation": [WELDER]})
    assert "national_code" not in with_monitor_codes(people).columns


def test_an_import_shows_from_the_next_request_on(var: Path, make_user) -> None:
    # Labels are looked up once per request and language; the next request sees a new import.
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, preferred_occupations=[WELDER])
    client = _login(counsellor)
    url = reverse("jobseeker_detail", args=[person.reference])
    before = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "hitsaaja" not in before
    import_esco(FINNISH, language="fi", version="1.2.0")
    after = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "hitsaaja" in after
