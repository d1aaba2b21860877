"""Warn when the app's database role could erase the trail itself.

The ORM refuses updates and deletes and, on PostgreSQL, a trigger does too; but the table's
owner can ``TRUNCATE`` it or disable the trigger, and a superuser can do anything. In
production the app connects as a role that may only read and append (docs/deployment.md,
"Two database roles"). ``check --deploy`` and ``openpes doctor`` report it.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register
from django.db import DatabaseError, connection

__all__ = ["database_role_problems"]

TRAIL_TABLE = "trail_auditevent"


def database_role_problems() -> list[tuple[str, str]]:
    """``(id, message)`` for each way the connected role could erase the trail."""
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, r.rolsuper, t.tableowner FROM pg_roles r "
                "LEFT JOIN pg_tables t ON t.tablename = %s AND t.schemaname = current_schema() "
                "WHERE r.rolname = current_user",
                [TRAIL_TABLE],
            )
            row = cursor.fetchone()
    except DatabaseError:
        return []
    if row is None:
        return []
    user, superuser, owner = row
    problems = []
    if superuser:
        problems.append(
            (
                "openpes.W001",
                f"the app connects to PostgreSQL as the superuser {user!r}, which can erase the "
                "audit trail; connect as a role that may only read and append",
            )
        )
    if owner == user:
        problems.append(
            (
                "openpes.W002",
                f"the app connects as {user!r}, the owner of {TRAIL_TABLE}, which can TRUNCATE "
                "it or disable its append-only trigger; run migrations as the owner and serve "
                "as a separate role",
            )
        )
    return problems


@register(deploy=True)
def check_database_role(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    hint = "See docs/deployment.md, 'Two database roles'."
    return [Warning(message, hint=hint, id=code) for code, message in database_role_problems()]
