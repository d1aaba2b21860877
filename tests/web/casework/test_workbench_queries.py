"""The caseload list's queries: each person's notes and appointments are read as subqueries,
never joined together (joined, every person's notes multiplied their appointments and each of
the page's queries grouped the product), and the last contact and next appointment they give
are the same as before."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.models import Appointment
from openpes.web.casework.selectors import workbench_annotate
from openpes.web.casework.services import note_add
from tests.web.factories import JobSeekerFactory


def test_the_caseload_list_joins_no_notes_with_appointments_and_shows_the_latest(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory(counsellor=counsellor, last_name="Busy")
    today = timezone.localdate()
    for weeks in (9, 3, 12):
        note_add(
            actor=counsellor,
            jobseeker=person,
            kind="phone",
            occurred_on=today - dt.timedelta(weeks=weeks),
            text="Call",
        )
    now = timezone.now()
    for days in (5, 2, 9, -1):
        Appointment.objects.create(
            jobseeker=person,
            created_by=counsellor,
            starts_at=now + dt.timedelta(days=days),
            kind="meeting",
        )
    client = Client()
    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("counsellor_home")).content.decode()
    joined = [
        q["sql"]
        for q in queries.captured_queries
        if "JOIN" in q["sql"]
        and ("casework_casenote" in q["sql"] or "casework_appointment" in q["sql"])
    ]
    assert joined == []
    assert "Busy, " in html[html.index("<tbody>") :]
    row = workbench_annotate(JobSeeker.objects.filter(pk=person.pk)).get()
    assert row.last_contact == today - dt.timedelta(weeks=3)
    assert row.next_appointment == now + dt.timedelta(days=2)
    assert not row.has_plan and not row.overdue_reviews
