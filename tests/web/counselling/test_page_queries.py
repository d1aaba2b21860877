"""The two case pages read what they need once: a bound on their queries per request.

Each repeated read (the team behind the pauses, the literacy courses, the set just stored)
costs a compiled query on every page view; the bounds fail if one comes back.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openpes.web.counselling.models import ShownSuggestion
from tests.web.counselling.test_pages import _login, person_near_vacancies  # noqa: F401

# Statements that read or write (transaction control and PostgreSQL's advisory lock of the
# trail aside): session, user, roles, person (+ skills, experience), plan, pauses, literacy,
# catalogue, exposure, shown set (2), the read's and the set's events (the chain's head and
# one insert for both), assessments, decisions, responses, appointments, notes.
COUNSELLOR_PAGE_MAX = 20
OWN_PAGE_MAX = 20
_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT", "SELECT pg_advisory_xact_lock")


def _reads(sql: list[str], table: str) -> int:
    """Queries that read ``table`` as their main table."""
    return sum(q.startswith("SELECT") and f'FROM "{table}" ' in q for q in sql)


#: Write transactions per page view: the exposure log, the shown set and the trail events of
#: the read and of the set, together. Inside the test's own transaction it is one savepoint;
#: the trail and the services inside it add none (each was two more round trips).
PAGE_TRANSACTIONS = 1


def _queries(client, url: str) -> list[str]:
    client.get(url)  # the first view warms the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    every = [q["sql"] for q in captured.captured_queries]
    assert sum(q.startswith("SAVEPOINT") for q in every) <= PAGE_TRANSACTIONS, "\n".join(every)
    assert _reads(every, "trail_auditevent") == 1, "the chain's head is read once for both events"
    return [q for q in every if not q.startswith(_CONTROL)]


@pytest.mark.django_db(transaction=False)
def test_the_counsellors_page_reads_each_thing_once(person_near_vacancies):  # noqa: F811
    counsellor, person, _ = person_near_vacancies
    sql = _queries(_login(counsellor), reverse("jobseeker_detail", args=[person.reference]))
    assert ShownSuggestion.objects.exists(), "the page must show suggestions to be measured"
    assert len(sql) <= COUNSELLOR_PAGE_MAX, "\n".join(sql)
    assert _reads(sql, "accounts_team") + _reads(sql, "accounts_teammembership") == 0, (
        "the counsellor's team is read with the person"
    )
    assert _reads(sql, "register_registerrecord") == 1, "literacy is read once for both systems"
    assert _reads(sql, "catalogue_cataloguestate") == 1
    assert _reads(sql, "counselling_supportassessment") == 1, "the open and the decided at once"


@pytest.mark.django_db(transaction=False)
def test_the_job_seekers_page_reads_each_thing_once(person_near_vacancies):  # noqa: F811
    _, person, _ = person_near_vacancies
    sql = _queries(_login(person.user), reverse("jobseeker_home"))
    assert len(sql) <= OWN_PAGE_MAX, "\n".join(sql)
    # The set just stored is not read back, neither for the forms nor for the review choices.
    assert _reads(sql, "counselling_suggestionset") == 0
    assert _reads(sql, "counselling_shownsuggestion") == 0
    assert _reads(sql, "counselling_supportassessment") == 1
