from __future__ import annotations

import pytest
from django.urls import reverse

from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
from openpes.web.casework.subject_access import subject_access_data
from openpes.web.catalogue.models import Vacancy
from openpes.web.catalogue.selectors import catalogue_version
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.models import AuditEvent

SKILL = "http://data.europa.eu/esco/skill/"


@pytest.fixture
def esco():
    from openpes.web.caseload.taxonomy import taxonomy

    tax = taxonomy()
    occupation = tax.occupations["uri"][0]
    return {
        "occupation": occupation,
        "skills": tax.skills_of(occupation, relation="essential")[:3],
    }


def vacancy_body(esco, **changes):
    body = {
        "title": "Warehouse operative",
        "occupation_uri": esco["occupation"],
        "essential_skills": esco["skills"],
        "employer": "Acme",
        "region": "Westhaven",
        "lat": 50.8,
        "lon": 4.3,
        "hours": "full_time",
        "contract": "permanent",
        "salary_eur": 2400,
        "required_languages": ["fr"],
        "posted_on": "2026-11-20",
        "closes_on": "2026-12-31",
    }
    return {**body, **changes}


def jobseeker_body(esco, **changes):
    body = {
        "first_name": "Ada",
        "last_name": "Peeters",
        "isced": 3,
        "region": "Westhaven",
        "lat": 50.8,
        "lon": 4.3,
        "registered_on": "2026-10-01",
        "skills": esco["skills"],
        "work_history": [{"occupation_uri": esco["occupation"], "years": 2.5}],
        "preferences": {"max_distance_km": 25, "preferred_hours": "full_time"},
    }
    return {**body, **changes}


URL = "/api/v1/vacancies/feed/V-1"


def test_vacancy_put_is_an_idempotent_upsert_in_the_trail(api, esco):
    client = api("vacancies:write", "vacancies:read")
    before = catalogue_version()
    created = client.put(URL, vacancy_body(esco), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["reference"] == "V-1" and created.json()["employer"] == "Acme"
    after = catalogue_version()
    assert after != before
    events = AuditEvent.objects.filter(action="catalogue.changed", actor="integration:backoffice")
    assert events.count() == 1 and events.get().subject == "vacancies:feed/V-1"
    again = client.put(URL, vacancy_body(esco), format="json")
    assert again.status_code == 200
    assert events.count() == 1 and catalogue_version() == after, "same content: nothing changes"
    changed = client.put(URL, vacancy_body(esco, salary_eur=2500), format="json")
    assert changed.status_code == 200 and changed.json()["salary_eur"] == 2500
    assert events.count() == 2 and Vacancy.objects.filter(source="feed").count() == 1
    assert client.get(URL).json()["salary_eur"] == 2500


def test_unknown_esco_uri_is_a_422_problem_naming_field_and_value(api, esco):
    client = api("vacancies:write")
    bad = SKILL + "not-a-skill"
    response = client.put(
        URL, vacancy_body(esco, essential_skills=[esco["skills"][0], bad]), format="json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["type"].endswith("/422")
    assert {"field": "essential_skills", "value": bad} in [
        {k: e[k] for k in ("field", "value")} for e in problem["errors"]
    ]
    assert not Vacancy.objects.filter(source="feed").exists()


def test_bulk_applies_all_or_none(api, esco):
    client = api("vacancies:write")
    records = [{**vacancy_body(esco), "source": "feed", "reference": f"V-{i}"} for i in range(5)]
    records[3]["occupation_uri"] = "http://data.europa.eu/esco/occupation/nope"
    refused = client.post("/api/v1/vacancies/bulk", {"records": records}, format="json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "records[3].occupation_uri"
    assert not Vacancy.objects.filter(source="feed").exists()
    records[3]["occupation_uri"] = esco["occupation"]
    done = client.post("/api/v1/vacancies/bulk", {"records": records}, format="json")
    assert done.json() == {"created": 5, "updated": 0, "unchanged": 0}
    again = client.post("/api/v1/vacancies/bulk", {"records": records}, format="json")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 5}
    too_many = client.post("/api/v1/vacancies/bulk", {"records": records * 201}, format="json")
    assert too_many.status_code == 422


def test_jobseeker_upsert_with_skills_history_and_write_only_protected(api, esco):
    writer = api("jobseekers:write", "jobseekers:read", "protected:write")
    response = writer.put("/api/v1/jobseekers/JS-API-1", jobseeker_body(esco), format="json")
    assert response.status_code == 201, response.content
    person = JobSeeker.objects.get(reference="JS-API-1")
    assert sorted(person.skills.values_list("skill_uri", flat=True)) == sorted(esco["skills"])
    assert list(person.experience.values_list("years", flat=True)) == [2.5]
    assert person.max_distance_km == 25 and person.preferred_hours == "full_time"
    assert (
        writer.put("/api/v1/jobseekers/JS-API-1", jobseeker_body(esco), format="json").status_code
        == 200
    )
    protected = {"sex": "female", "age": 41, "origin": "eu", "disability": False}
    url = "/api/v1/jobseekers/JS-API-1/protected"
    assert writer.put(url, protected, format="json").status_code == 204
    assert ProtectedAttributes.objects.get(jobseeker=person).age == 41
    assert writer.get(url).status_code == 405, "protected attributes are never readable"
    shown = writer.get("/api/v1/jobseekers/JS-API-1").json()
    assert not {"sex", "age", "origin", "disability"} & set(shown)
    assert AuditEvent.objects.filter(action="record.viewed", subject="jobseeker:JS-API-1").exists()
    written = AuditEvent.objects.get(action="protected.written")
    assert "41" not in str(written.details) and written.actor == "integration:backoffice"


def test_protected_needs_its_own_scope(api, esco):
    writer = api("jobseekers:write")
    writer.put("/api/v1/jobseekers/JS-API-2", jobseeker_body(esco), format="json")
    response = writer.put(
        "/api/v1/jobseekers/JS-API-2/protected",
        {"sex": "male", "age": 30, "origin": "national", "disability": False},
        format="json",
    )
    assert response.status_code == 403
    assert "protected:write" in response.json()["detail"]


def test_scopes_missing_tokens_and_revoked_tokens(api, api_token, esco):
    from rest_framework.test import APIClient

    from openpes.web.integrations.models import ApiToken
    from openpes.web.integrations.services import token_revoke

    reader = api("vacancies:read")
    assert reader.get("/api/v1/vacancies/").status_code == 200
    assert reader.put(URL, vacancy_body(esco), format="json").status_code == 403
    assert reader.get("/api/v1/decisions/").status_code == 403
    anonymous = APIClient()
    missing = anonymous.get("/api/v1/vacancies/")
    assert missing.status_code == 401 and missing["WWW-Authenticate"] == "Bearer"
    secret = api_token("vacancies:read", account="feed")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/vacancies/").status_code == 200
    token_revoke(actor=None, token=ApiToken.objects.get(account__name="feed"))
    revoked = client.get("/api/v1/vacancies/")
    assert revoked.status_code == 401 and revoked["Content-Type"] == "application/problem+json"


def test_tokens_are_stored_hashed(api_token):
    from openpes.web.integrations.models import ApiToken

    secret = api_token("vacancies:read")
    token = ApiToken.objects.get()
    assert secret not in str(list(ApiToken.objects.values_list()))
    assert token.digest != secret and len(token.digest) == 64


def test_one_tokens_throttle_does_not_affect_another(api, monkeypatch):
    from openpes.web.www.api_views.auth import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    busy, quiet = api("vacancies:read", account="busy"), api("vacancies:read", account="quiet")
    statuses = [busy.get("/api/v1/vacancies/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert busy.get("/api/v1/vacancies/")["Content-Type"] == "application/problem+json"
    assert quiet.get("/api/v1/vacancies/").status_code == 200


def test_cursor_pagination_walks_every_vacancy_once(api):
    client = api("vacancies:read")
    seen, url = [], "/api/v1/vacancies/?page_size=70"
    while url:
        page = client.get(url).json()
        seen += [(v["source"], v["reference"]) for v in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == Vacancy.objects.count() > 70


def test_outcomes_and_read_only_resources(api, esco):
    client = api(
        "jobseekers:write", "outcomes:write", "outcomes:read", "decisions:read", "systems:read"
    )
    client.put("/api/v1/jobseekers/JS-API-3", jobseeker_body(esco), format="json")
    url = "/api/v1/outcomes/backoffice/JS-API-3/2026-11-15"
    response = client.put(url, {"status": "employed", "employer": "Acme"}, format="json")
    assert response.status_code == 201, response.content
    assert Outcome.objects.get().status == "employed"
    unknown = client.put(
        "/api/v1/outcomes/backoffice/JS-NOBODY/2026-11-15", {"status": "employed"}, format="json"
    )
    assert unknown.status_code == 404
    assert client.get("/api/v1/outcomes/").json()["results"][0]["jobseeker"] == "JS-API-3"
    for name in ("decisions", "assessments", "review-requests"):
        assert client.get(f"/api/v1/{name}/").status_code == 200
        assert client.post(f"/api/v1/{name}/", {}, format="json").status_code in (403, 405)
    systems = {s["name"]: s for s in client.get("/api/v1/systems/").json()}
    assert systems["matching"]["available"] and systems["matching"]["details"]["vacancies"] > 0


def test_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get(reverse("api_schema"))
    assert schema.status_code == 200 and schema.json()["openapi"] == "3.1.0"
    docs = client.get(reverse("api_docs"))
    html = docs.content.decode()
    assert docs.status_code == 200 and "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html.replace("https://openpes", "")


def test_a_jobseeker_put_that_changes_nothing_is_still_a_read(api, esco):
    """The answer shows the whole record, so it reaches the person's access log either way."""
    writer = api("jobseekers:write")
    url = "/api/v1/jobseekers/JS-API-9"
    assert writer.put(url, jobseeker_body(esco), format="json").status_code == 201
    reads = AuditEvent.objects.filter(action="record.viewed", subject="jobseeker:JS-API-9")
    assert not reads.exists(), "the write itself is in the trail as a change"
    again = writer.put(url, jobseeker_body(esco), format="json")
    assert again.status_code == 200 and again.json()["reference"] == "JS-API-9"
    assert reads.count() == 1 and reads.get().actor == "integration:backoffice"


def test_an_outcome_put_that_changes_nothing_is_still_a_read(api, esco):
    """The answer shows the stored outcome, so a PUT that changed nothing (and so wrote no
    ``outcomes.recorded`` event) reaches the person's access log as a read."""
    writer = api("jobseekers:write", "outcomes:write")
    writer.put("/api/v1/jobseekers/JS-API-8", jobseeker_body(esco), format="json")
    url = "/api/v1/outcomes/backoffice/JS-API-8/2026-11-15"
    body = {"status": "employed", "employer": "Acme"}
    assert writer.put(url, body, format="json").status_code == 201
    reads = AuditEvent.objects.filter(action="record.viewed", subject="jobseeker:JS-API-8")
    assert not reads.exists(), "the write itself is in the trail as outcomes.recorded"
    again = writer.put(url, body, format="json")
    assert again.status_code == 200 and again.json()["status"] == "employed"
    assert reads.count() == 1 and reads.get().actor == "integration:backoffice"
    log = subject_access_data(jobseeker=JobSeeker.objects.get(reference="JS-API-8"))["access_log"]
    assert [(e["who"], e["kind"]) for e in log if e["action"] == "record.viewed"] == [
        ("integration:backoffice", "outcomes")
    ]


def test_the_systems_list_holds_totals_only(api):
    """No figure per group of people and no rate: the register's rule for those
    (``openpes.register.public_live``, full figures for the oversight officer only) has
    nothing to take out here, and no API token holds the oversight role. A figure added to
    this list must go through that rule first."""
    systems = api("systems:read").get("/api/v1/systems/").json()
    assert {s["name"]: set(s["details"]) for s in systems} == {
        "matching": {"vacancies", "trainings"},
        "support-needs": {"assessments", "decided"},
    }
