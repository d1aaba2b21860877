"""Tampering with stored events, as someone with direct database access would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import connection

from openpes.web.trail.models import AppendOnlyError, AuditEvent
from openpes.web.trail.selectors import trail_verify
from openpes.web.trail.services import event_record


@pytest.fixture
def trail(db):
    for number in range(1, 8):
        event_record(
            actor="system",
            action="record.viewed",
            subject=f"jobseeker:{number}",
            details={"n": number},
        )
    assert trail_verify().intact
    return AuditEvent.objects.order_by("position")


def _raw(sql: str, params: list) -> None:
    """Run SQL with the append-only trigger out of the way (an attacker with owner rights)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE trail_auditevent DISABLE TRIGGER trail_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE trail_auditevent ENABLE TRIGGER trail_auditevent_append_only"
            )


def test_modified_event_is_named(trail):
    _raw("UPDATE trail_auditevent SET subject = %s WHERE position = %s", ["jobseeker:999", 4])
    report = trail_verify()
    assert report.first_bad == 4 and "modified" in report.problem


def test_modified_details_are_named(trail):
    _raw("UPDATE trail_auditevent SET details = %s WHERE position = %s", ['{"n": 42}', 3])
    assert trail_verify().first_bad == 3


def test_deleted_event_is_named(trail):
    _raw("DELETE FROM trail_auditevent WHERE position = %s", [5])
    report = trail_verify()
    assert report.first_bad == 5 and "missing" in report.problem


def test_reordered_events_are_named(trail):
    # Swap the positions of events 2 and 3 (via a free slot, as the column is unique).
    _raw("UPDATE trail_auditevent SET position = 1000 WHERE position = 2", [])
    _raw("UPDATE trail_auditevent SET position = 2 WHERE position = 3", [])
    _raw("UPDATE trail_auditevent SET position = 3 WHERE position = 1000", [])
    assert trail_verify().first_bad == 2


def test_recomputed_hash_still_breaks_the_next_link(trail):
    # A careful attacker rewrites an event and its own hash; the next event still points at the old.
    from openpes.web.trail.chain import event_hash

    event = AuditEvent.objects.filter(position=4).values().get()
    event["subject"] = "jobseeker:999"
    _raw(
        "UPDATE trail_auditevent SET subject = %s, hash = %s WHERE position = 4",
        ["jobseeker:999", event_hash(event)],
    )
    assert trail_verify().first_bad == 5


def test_orm_refuses_updates_and_deletes(trail):
    event = trail.first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(position=1).update(subject="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.postgres
def test_postgres_trigger_rejects_update_and_delete(trail):
    from django.db import DatabaseError, transaction

    from tests.conftest import require

    require(connection.vendor == "postgresql", "set OPENPES_DATABASE_URL to a postgresql:// URL")
    for sql in (
        "UPDATE trail_auditevent SET subject = 'x' WHERE position = 1",
        "DELETE FROM trail_auditevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert trail_verify().intact


@pytest.mark.django_db(transaction=True)
def test_cli_verify_exits_non_zero_and_names_the_event(tmp_path, monkeypatch):
    """The real command on a real SQLite file: 0 when intact, 1 naming the first bad event."""
    env = {
        "OPENPES_VAR_DIR": str(tmp_path),
        "OPENPES_DATABASE_URL": f"sqlite:///{tmp_path}/t.sqlite3",
        "PATH": "",
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "openpes.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run("manage", "migrate", "-v0").returncode == 0
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='openpes.web.settings';"
        "django.setup();"
        "from openpes.web.trail.services import event_record as r;"
        "[r(actor='system', action='test', subject=str(i)) for i in range(5)]"
    )
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
    ok = run("trail", "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    anchors = tmp_path / "anchors.txt"
    assert run("trail", "anchor", "--out", str(anchors)).returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "t.sqlite3") as db:
        db.execute("UPDATE trail_auditevent SET subject = 'forged' WHERE position = 3")
    bad = run("trail", "verify")
    assert bad.returncode == 1 and "event 3" in bad.stdout
    with sqlite3.connect(tmp_path / "t.sqlite3") as db:
        db.execute("UPDATE trail_auditevent SET subject = '2' WHERE position = 3")
        db.execute("DELETE FROM trail_auditevent WHERE position = 5")
    truncated = run("trail", "verify", "--anchors", str(anchors))
    assert truncated.returncode == 1 and "event 5" in truncated.stdout
