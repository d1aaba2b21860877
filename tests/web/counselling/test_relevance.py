"""Suggestions never fill the list with vacancies below the minimum relevance."""

from __future__ import annotations

import polars as pl
from django.test import Client
from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.relevance import select_relevant
from openpes.web.counselling.suggestions import suggestions_for
from tests.web.factories import JobSeekerFactory


def _rows() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rank": [1, 2, 3, 4],
            "vacancy_id": ["near-irrelevant", "skills", "own-job", "wished"],
            "essential_coverage": [0.0, 0.5, 0.1, 0.2],
            "occupation_match": ["none", "none", "same_occupation", "same_unit_group"],
            "occupation_basis": [None, None, "experience", "preference"],
        },
        schema_overrides={"rank": pl.UInt32},
    )


def test_irrelevant_rows_are_left_out_and_wishes_come_first():
    chosen = select_relevant(_rows(), k=10)
    assert chosen["vacancy_id"].to_list() == ["wished", "skills", "own-job"]
    assert chosen["rank"].to_list() == [1, 2, 3]
    assert select_relevant(_rows(), k=1)["vacancy_id"].to_list() == ["wished"]


def test_a_person_without_matching_skills_gets_next_steps_not_filler(make_user, catalogue_dir):
    vacancy = pl.read_parquet(catalogue_dir / "vacancies.parquet").row(0, named=True)
    person = JobSeekerFactory(
        counsellor=make_user(Role.COUNSELLOR),
        user=make_user(Role.JOBSEEKER),
        lat=vacancy["lat"],
        lon=vacancy["lon"],
        max_distance_km=50,
        languages=["en", "de", "fr", "nl", "es"],
        driving_licence=True,
    )
    result = suggestions_for(person, language="en")
    # No skills, no work history, no wishes: nothing is relevant, so nothing fills the list.
    assert result.few_close and result.vacancies == []
    client = Client()
    client.force_login(person.user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("jobseeker_home")).content.decode()
    assert "There are few close matches for you nearby." in html and "Next steps:" in html


def test_few_close_matches_offer_related_occupations_from_esco(make_user):
    from openpes.web.caseload.models import WorkExperience
    from openpes.web.caseload.taxonomy import taxonomy

    uri = taxonomy().search("warehouse worker", kind="occupation", limit=1)[0].uri
    person = JobSeekerFactory(counsellor=make_user(Role.COUNSELLOR), lat=0.0, lon=0.0)
    WorkExperience.objects.create(jobseeker=person, occupation_uri=uri, years=4)
    result = suggestions_for(person, language="en")
    assert result.few_close
    assert "stevedore" in result.related_occupations, "same ISCO unit group (9333)"
    assert "warehouse worker" not in result.related_occupations, "not their own occupation"
