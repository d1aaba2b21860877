"""Every API list that shows people's records writes one read event per person shown, under
the subject their own access log (/me/data/) reads; the review list gives the newest answer."""

from __future__ import annotations

import datetime as dt

import pytest

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.subject_access import subject_access_data
from openpes.web.counselling.enums import ReviewStatus
from openpes.web.counselling.models import ReviewRequest, SuggestionDecision, SupportAssessment
from openpes.web.counselling.review_services import review_answer
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import JobSeekerFactory

ACTOR = "integration:backoffice"


def _outcome(person: JobSeeker, counsellor, day: int) -> None:
    Outcome.objects.create(
        jobseeker=person,
        status="employed",
        observed_on=dt.date(2026, 11, day),
        source="backoffice",
        employer="Acme",
    )


def _decision(person: JobSeeker, counsellor, day: int) -> None:
    SuggestionDecision.objects.create(
        jobseeker=person,
        counsellor=counsellor,
        item_kind="vacancy",
        item_id=f"V-{day}",
        rank=1,
        score=0.8,
        verdict="rejected",
        reason="Too far from home",
    )


def _assessment(person: JobSeeker, counsellor, day: int) -> None:
    SupportAssessment.objects.create(
        jobseeker=person,
        counsellor=counsellor,
        counsellor_band="high",
        model_band="medium",
        model_probability=0.61,
        final_band="high",
        reason="Care duties",
    )


def _review(person: JobSeeker, counsellor, day: int) -> ReviewRequest:
    return ReviewRequest.objects.create(
        jobseeker=person, topic="data", data_field="isced", message=f"Please check ({day})"
    )


LISTS = {
    "jobseekers": ("jobseekers:read", None),
    "outcomes": ("outcomes:read", _outcome),
    "decisions": ("decisions:read", _decision),
    "assessments": ("decisions:read", _assessment),
    "review-requests": ("decisions:read", _review),
}


def _reads() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="record.viewed", actor=ACTOR))


@pytest.mark.parametrize("name", LISTS)
def test_a_list_writes_one_read_per_person_shown_to_their_own_access_log(api, make_user, name):
    scope, make = LISTS[name]
    counsellor = make_user(Role.COUNSELLOR)
    people = [JobSeekerFactory(counsellor=counsellor) for _ in range(3)]
    if make:
        for person in people:
            make(person, counsellor, 10)
        # Two rows of the first person on the page: still one read of that person.
        make(people[0], counsellor, 11)
    response = api(scope).get(f"/api/v1/{name}/")
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == (3 if name == "jobseekers" else 4)
    reads = _reads()
    assert sorted(e.subject for e in reads) == sorted(f"jobseeker:{p.reference}" for p in people)
    for person in people:
        log = subject_access_data(jobseeker=person)["access_log"]
        assert [(e["who"], e["kind"]) for e in log if e["action"] == "record.viewed"] == [
            (ACTOR, name)
        ]
    assert trail_verify().intact


def test_a_page_records_only_the_people_on_it(api, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    people = [JobSeekerFactory(counsellor=counsellor) for _ in range(5)]
    for person in people:
        _decision(person, counsellor, 10)
    client = api("decisions:read")
    first = client.get("/api/v1/decisions/?page_size=2").json()
    assert {e.subject for e in _reads()} == {
        f"jobseeker:{r['jobseeker']}" for r in first["results"]
    }
    assert len(_reads()) == 2
    client.get(first["next"])
    assert len(_reads()) == 4 and len({e.subject for e in _reads()}) == 4
    assert trail_verify().intact


def test_review_requests_give_the_newest_answer(api, make_user):
    counsellor, lead = make_user(Role.COUNSELLOR), make_user(Role.TEAM_LEAD)
    person = JobSeekerFactory(counsellor=counsellor)
    review = _review(person, counsellor, 1)
    unanswered = _review(JobSeekerFactory(counsellor=counsellor), counsellor, 2)
    client = api("decisions:read")

    def answers() -> dict[int, str]:
        return {
            r["id"]: r["answer"] for r in client.get("/api/v1/review-requests/").json()["results"]
        }

    review_answer(
        actor=counsellor,
        review=review,
        outcome="keep",
        explanation="Your diploma is recorded as ISCED 3, as on the certificate.",
        would_change="A certificate of a higher level.",
    )
    assert answers() == {
        review.pk: "Your diploma is recorded as ISCED 3, as on the certificate.",
        unanswered.pk: "",
    }
    ReviewRequest.objects.filter(pk=review.pk).update(status=ReviewStatus.ESCALATED)
    review_answer(
        actor=lead,
        review=review,
        outcome="correct",
        explanation="The certificate you sent is ISCED 4: corrected.",
        would_change="Nothing further.",
    )
    assert answers()[review.pk] == "The certificate you sent is ISCED 4: corrected."


def test_one_job_seeker_read_names_its_kind_in_their_access_log(api, make_user):
    person = JobSeekerFactory(counsellor=make_user(Role.COUNSELLOR))
    response = api("jobseekers:read").get(f"/api/v1/jobseekers/{person.reference}")
    assert response.status_code == 200, response.content
    log = subject_access_data(jobseeker=person)["access_log"]
    assert [(e["who"], e["kind"]) for e in log if e["action"] == "record.viewed"] == [
        (ACTOR, "jobseekers")
    ]
