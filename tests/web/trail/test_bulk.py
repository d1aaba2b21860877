"""Many events at once (``events_record``, ``events_append``): each one is a link of the same
chain."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from openpes.web.accounts.enums import Role
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from openpes.web.trail.services import NewEvent, event_record, events_append, events_record


def test_a_batch_continues_the_chain_between_single_events(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    event_record(actor="system", action="record.viewed", subject="jobseeker:A")
    written = events_record(
        actor=counsellor,
        action="record.viewed",
        events=[
            (f"jobseeker:B{n}", {"page": "api", "n": n, "on": dt.date(2026, 12, n)})
            for n in range(1, 6)
        ],
    )
    event_record(actor="system", action="record.viewed", subject="jobseeker:C")
    assert written == 5
    events = list(AuditEvent.objects.order_by("position"))
    assert [e.position for e in events] == list(range(1, 8))
    assert [e.subject for e in events] == [
        "jobseeker:A",
        *[f"jobseeker:B{n}" for n in range(1, 6)],
        "jobseeker:C",
    ]
    batch = events[1:6]
    assert {(e.actor, e.actor_id, e.role) for e in batch} == {
        (counsellor.username, counsellor.pk, "counsellor")
    }
    assert batch[2].details == {"page": "api", "n": 3, "on": "2026-12-03"}
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    report = trail_verify()
    assert report.intact and report.checked == 7


def test_a_change_inside_a_batch_is_named(db):
    events_record(
        actor="system",
        action="record.changed",
        events=[(f"jobseeker:{n}", {"kind": "created"}) for n in range(1, 9)],
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE trail_auditevent DISABLE TRIGGER trail_auditevent_append_only"
            )
        cursor.execute(
            "UPDATE trail_auditevent SET subject = %s WHERE position = %s", ["jobseeker:x", 6]
        )
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE trail_auditevent ENABLE TRIGGER trail_auditevent_append_only"
            )
    assert trail_verify().first_bad == 6


def test_an_empty_batch_writes_nothing(db):
    assert events_record(actor="system", action="record.viewed", events=[]) == 0
    assert not AuditEvent.objects.exists()


def test_events_of_different_actions_are_appended_in_order_as_links(make_user):
    counsellor = make_user(Role.COUNSELLOR)
    event_record(actor="system", action="catalogue.changed", subject="vacancies")
    written = events_append(
        actor=counsellor,
        events=[
            NewEvent("record.viewed", "jobseeker:A", {"page": "counsellor"}),
            NewEvent("suggestions.opened", "jobseeker:A", {"page": "counsellor", "set": 7}),
        ],
    )
    assert written == 2
    events = list(AuditEvent.objects.order_by("position"))
    assert [(e.position, e.action) for e in events] == [
        (1, "catalogue.changed"),
        (2, "record.viewed"),
        (3, "suggestions.opened"),
    ]
    assert events[2].details == {"page": "counsellor", "set": 7}
    assert {e.role for e in events[1:]} == {"counsellor"}
    report = trail_verify()
    assert report.intact and report.checked == 3
    assert events_append(actor=counsellor, events=[]) == 0
