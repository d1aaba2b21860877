"""The review-request list carries what the review page shows: the newest answer's outcome
(keep, change, correct), who gave it, what would have changed the result, and whether the
job seeker passed it on to the team lead. All read-only and in the schema."""

from __future__ import annotations

from django.urls import reverse

from openpes.web.accounts.enums import Role
from openpes.web.counselling.models import ReviewRequest
from openpes.web.counselling.review_services import review_answer, review_escalate
from tests.web.factories import JobSeekerFactory

FIELDS = ("outcome", "answered_as", "would_change", "escalated")


def _review(counsellor, message: str) -> ReviewRequest:
    return ReviewRequest.objects.create(
        jobseeker=JobSeekerFactory(counsellor=counsellor),
        topic="data",
        data_field="isced",
        message=message,
    )


def test_the_list_gives_the_outcome_and_what_would_have_changed_it(api, make_user):
    counsellor, lead = make_user(Role.COUNSELLOR), make_user(Role.TEAM_LEAD)
    kept, unanswered = _review(counsellor, "Please check"), _review(counsellor, "And this")
    client = api("decisions:read")

    def rows() -> dict[int, dict]:
        results = client.get("/api/v1/review-requests/").json()["results"]
        return {r["id"]: {f: r[f] for f in FIELDS} for r in results}

    assert rows()[unanswered.pk] == {
        "outcome": None,
        "answered_as": None,
        "would_change": "",
        "escalated": False,
    }
    review_answer(
        actor=counsellor,
        review=kept,
        outcome="keep",
        explanation="Your diploma is recorded as ISCED 3, as on the certificate.",
        would_change="A certificate of a higher level.",
    )
    assert rows()[kept.pk] == {
        "outcome": "keep",
        "answered_as": "counsellor",
        "would_change": "A certificate of a higher level.",
        "escalated": False,
    }
    review_escalate(actor=None, review=kept, message="I sent the certificate last week.")
    # Passed on, not answered again yet: the counsellor's answer stands, flagged escalated.
    assert rows()[kept.pk]["escalated"] is True
    assert rows()[kept.pk]["outcome"] == "keep"
    review_answer(
        actor=lead,
        review=kept,
        outcome="correct",
        explanation="The certificate you sent is ISCED 4: corrected.",
        would_change="Nothing further.",
    )
    assert rows()[kept.pk] == {
        "outcome": "correct",
        "answered_as": "team_lead",
        "would_change": "Nothing further.",
        "escalated": True,
    }


def test_the_schema_describes_the_fields_as_read_only(client):
    schema = client.get(reverse("api_schema")).json()
    review = schema["components"]["schemas"]["ReviewRequest"]
    for name in FIELDS:
        assert review["properties"][name].get("readOnly") is True, name

    def values(name: str) -> set[str]:
        # A nullable choice is oneOf its enum and the null enum.
        refs = [o["$ref"].rsplit("/", 1)[1] for o in review["properties"][name]["oneOf"]]
        assert "NullEnum" in refs, name
        enums = [schema["components"]["schemas"][ref].get("enum") or [] for ref in refs]
        return {v for enum in enums for v in enum if v is not None}

    assert values("outcome") == {"keep", "change", "correct"}
    assert values("answered_as") == {"counsellor", "team_lead"}


def test_the_list_says_what_each_request_is_about(api, make_user, settings):
    # It gave the topic only: an integrator could not tell which data field, suggestion or
    # assessment a person contested, nor by when the answer is due.
    import datetime as dt

    counsellor = make_user(Role.COUNSELLOR)
    data = _review(counsellor, "My education is wrong")
    data.item_label, data.due_on = "Education", dt.date(2026, 12, 16)
    data.save()
    row = next(
        r
        for r in api("decisions:read").get("/api/v1/review-requests/").json()["results"]
        if r["id"] == data.pk
    )
    assert row["data_field"] == "isced" and row["item"] == "Education"
    assert row["suggestion"] is None and row["assessment"] is None
    assert row["due_on"] == "2026-12-16"
