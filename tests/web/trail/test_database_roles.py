"""The documented two-role set-up on PostgreSQL: the app role cannot erase the trail."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from openpes.web.trail.checks import database_role_problems
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from openpes.web.trail.services import event_record, events_record
from tests.conftest import require

pytestmark = pytest.mark.postgres

APP_ROLE = "openpes_test_app"


@pytest.fixture
def app_role(db):
    require(connection.vendor == "postgresql", "set OPENPES_DATABASE_URL to a postgresql:// URL")
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN "
            f"CREATE ROLE {APP_ROLE} NOLOGIN; END IF; END $$",
            [APP_ROLE],
        )
        # Exactly the grants of docs/deployment.md.
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"
        )
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
        cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON trail_auditevent FROM {APP_ROLE}")
    yield APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _as_app(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {APP_ROLE}")
        cursor.execute(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "TRUNCATE trail_auditevent",
        "UPDATE trail_auditevent SET subject = 'x'",
        "DELETE FROM trail_auditevent",
        "ALTER TABLE trail_auditevent DISABLE TRIGGER trail_auditevent_append_only",
    ],
)
def test_the_app_role_cannot_erase_the_trail(app_role, sql):
    for n in range(3):
        event_record(actor="system", action="test", subject=str(n))
    with pytest.raises(DatabaseError):
        _as_app(sql)
    assert AuditEvent.objects.count() == 3 and trail_verify().intact


def test_the_app_role_appends_and_is_not_warned_about(app_role):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        event_record(actor="system", action="test", subject="as app")
        events_record(actor="system", action="test", events=[("as app, many", {})] * 3)
        assert database_role_problems() == []
    assert AuditEvent.objects.filter(subject="as app").exists()
    assert AuditEvent.objects.filter(subject="as app, many").count() == 3
    assert trail_verify().intact


def test_the_superuser_owner_is_warned_about(db):
    require(connection.vendor == "postgresql", "set OPENPES_DATABASE_URL to a postgresql:// URL")
    codes = {code for code, _ in database_role_problems()}
    # The tests connect as the database's superuser, which also owns the tables.
    assert codes == {"openpes.W001", "openpes.W002"}


def _problems_as_app(*grants: str) -> dict[str, str]:
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in grants:
            cursor.execute(sql)
        cursor.execute(f"SET LOCAL ROLE {APP_ROLE}")
        return dict(database_role_problems())


def test_an_app_role_that_may_still_truncate_the_trail_is_warned_about(app_role):
    # GRANT ALL, or the documented grants without their REVOKE: TRUNCATE skips the trigger.
    problems = _problems_as_app(f"GRANT TRUNCATE, UPDATE ON trail_auditevent TO {app_role}")
    assert set(problems) == {"openpes.W003"}, problems
    assert "TRUNCATE" in problems["openpes.W003"] and "UPDATE" in problems["openpes.W003"]


def test_a_table_the_app_role_was_not_granted_is_named(app_role):
    # As after an upgrade whose migration made a table the grants of the first install
    # never covered: every request that touches it would fail with "permission denied".
    problems = _problems_as_app(f"REVOKE ALL ON oversight_alert FROM {app_role}")
    assert set(problems) == {"openpes.W004"}, problems
    assert "oversight_alert" in problems["openpes.W004"]
    assert "ALTER DEFAULT PRIVILEGES" in problems["openpes.W004"]


def test_the_role_warnings_speak_the_active_language(db):
    require(connection.vendor == "postgresql", "set OPENPES_DATABASE_URL to a postgresql:// URL")
    from django.utils import translation

    from openpes.web.trail.checks import check_database_role

    with translation.override("de"):
        problems = dict(database_role_problems())
        warnings = check_database_role()
    assert "Superuser" in problems["openpes.W001"] and "Prüfprotokoll" in problems["openpes.W001"]
    assert "Eigentümer" in problems["openpes.W002"], problems
    assert warnings and all("Siehe docs/deployment.md" in w.hint for w in warnings)
