"""Withdrawing a vacancy or training through the API: ``DELETE`` on its URL."""

from __future__ import annotations

from openpes.web.catalogue.index import current_snapshot, snapshot_build
from openpes.web.catalogue.models import Training, Vacancy
from openpes.web.catalogue.selectors import catalogue_version, vacancies_frame
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.api.test_api import esco, vacancy_body  # noqa: F401 - the fixture


def _feed() -> set[str]:
    """The feed's vacancies that matching is offered (the test database has others too)."""
    frame = vacancies_frame()
    return set(frame.filter(frame["source"] == "feed")["reference"])


URL = "/api/v1/vacancies/feed/V-1"


def test_delete_withdraws_once_keeps_the_record_and_put_reopens_it(api, esco):  # noqa: F811
    client = api("vacancies:write", "vacancies:read")
    assert client.put(URL, vacancy_body(esco), format="json").status_code == 201
    client.put("/api/v1/vacancies/feed/V-2", vacancy_body(esco), format="json")
    open_version = catalogue_version()
    assert _feed() == {"V-1", "V-2"}

    gone = client.delete(URL)
    assert gone.status_code == 204, gone.content
    assert _feed() == {"V-2"}, "no longer offered to matching"
    snapshot_build()
    assert "V-1" not in set(current_snapshot().vacancies["vacancy_id"]), "nor suggested"
    withdrawn_version = catalogue_version()
    assert withdrawn_version != open_version
    record = client.get(URL).json()
    assert record["withdrawn_at"] is not None and record["employer"] == "Acme"
    events = AuditEvent.objects.filter(action="catalogue.withdrawn")
    assert [(e.subject, e.actor) for e in events] == [
        ("vacancies:feed/V-1", "integration:backoffice")
    ]
    assert events.get().details["references"] == ["V-1"]

    again = client.delete(URL)
    assert again.status_code == 204 and events.count() == 1, "a repeat changes nothing"
    assert catalogue_version() == withdrawn_version

    reopened = client.put(URL, vacancy_body(esco), format="json")
    assert reopened.status_code == 200 and reopened.json()["withdrawn_at"] is None
    assert catalogue_version() == open_version, "the same open catalogue as before"
    assert _feed() == {"V-1", "V-2"}
    assert trail_verify().intact


def test_delete_of_an_unknown_record_is_a_404_and_needs_the_write_scope(api, esco):  # noqa: F811
    writer = api("vacancies:write", "vacancies:read")
    assert writer.delete("/api/v1/vacancies/feed/NOPE").status_code == 404
    writer.put(URL, vacancy_body(esco), format="json")
    reader = api("vacancies:read")
    assert reader.delete(URL).status_code == 403
    assert Vacancy.objects.get(reference="V-1").withdrawn_at is None
    assert writer.delete("/api/v1/vacancies/bad%20source/V-1").status_code == 404


def test_a_training_is_withdrawn_the_same_way(api, esco):  # noqa: F811
    client = api("trainings:write", "trainings:read")
    body = {
        "title": "Forklift course",
        "skills_taught": esco["skills"],
        "duration_weeks": 2,
        "start_dates": ["2026-12-15"],
    }
    made = client.put("/api/v1/trainings/feed/T-1", body, format="json")
    assert made.status_code == 201, made.content
    assert client.delete("/api/v1/trainings/feed/T-1").status_code == 204
    assert Training.objects.get(reference="T-1").withdrawn_at is not None
    assert client.get("/api/v1/trainings/feed/T-1").json()["withdrawn_at"] is not None


def _listed(client, query: str = "") -> set[str]:
    """The feed's references on every page (the next page keeps the filter)."""
    seen, url = set(), f"/api/v1/vacancies/?page_size=50{query}"
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, answer.content
        seen |= {r["reference"] for r in answer.json()["results"] if r["source"] == "feed"}
        url = answer.json()["next"]
    return seen


def test_the_list_gives_the_open_or_the_withdrawn_records_when_asked(api, esco):  # noqa: F811
    client = api("vacancies:write", "vacancies:read")
    for reference in ("V-1", "V-2"):
        client.put(f"/api/v1/vacancies/feed/{reference}", vacancy_body(esco), format="json")
    client.delete(URL)
    assert _listed(client) == {"V-1", "V-2"}, "left out, every record"
    assert _listed(client, "&withdrawn=false") == {"V-2"}
    assert _listed(client, "&withdrawn=true") == {"V-1"}


def test_a_wrong_withdrawn_value_is_a_400_naming_the_parameter(api, esco):  # noqa: F811
    client = api("vacancies:read", "trainings:read")
    for path in ("/api/v1/vacancies/", "/api/v1/trainings/"):
        answer = client.get(f"{path}?withdrawn=yes", HTTP_ACCEPT_LANGUAGE="fr")
        assert answer.status_code == 400, answer.content
        assert answer["Content-Type"].startswith("application/problem+json")
        body = answer.json()
        assert "withdrawn" in body["detail"] and "yes" in body["detail"]
        assert "true" in body["detail"] and "false" in body["detail"]
        assert "paramètre" in body["detail"], "in the caller's language"
