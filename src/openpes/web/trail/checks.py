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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
                _(
                    "the app connects to PostgreSQL as the superuser {user!r}, which can erase "
                    "the audit trail; connect as a role that may only read and append"
                ).format(user=user),
            )
        )
    if owner == user:
        problems.append(
            (
                "openpes.W002",
                _(
                    "the app connects as {user!r}, the owner of {table}, which can TRUNCATE it "
                    "or disable its append-only trigger; run migrations as the owner and serve "
                    "as a separate role"
                ).format(user=user, table=TRAIL_TABLE),
            )
        )
    if not problems:
        problems += _grant_problems(user)
    return problems


def _grant_problems(user: str) -> list[tuple[str, str]]:
    """What the grants of docs/deployment.md give the app role too much, or too little."""
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT privilege FROM unnest(ARRAY['TRUNCATE', 'UPDATE', 'DELETE']) AS privilege "
                "WHERE has_table_privilege(current_user, %s, privilege)",
                [TRAIL_TABLE],
            )
            erasing = [row[0] for row in cursor.fetchall()]
            # The trail needs only SELECT and INSERT; every other table all four.
            cursor.execute(
                "SELECT name FROM unnest(%s::text[]) AS name WHERE NOT ("
                "has_table_privilege(current_user, quote_ident(name), 'SELECT') AND "
                "has_table_privilege(current_user, quote_ident(name), 'INSERT') AND "
                "(name = %s OR (has_table_privilege(current_user, quote_ident(name), 'UPDATE') "
                "AND has_table_privilege(current_user, quote_ident(name), 'DELETE'))))",
                [tables, TRAIL_TABLE],
            )
            missing = [row[0] for row in cursor.fetchall()]
    except DatabaseError:
        return []
    problems = []
    if erasing:
        problems.append(
            (
                "openpes.W003",
                _(
                    "the app's role {user!r} holds {privileges} on {table}; TRUNCATE erases the "
                    "trail without its trigger noticing: "
                    "REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {user}"
                ).format(user=user, privileges=", ".join(erasing), table=TRAIL_TABLE),
            )
        )
    if missing:
        shown = ", ".join(missing[:5])
        if len(missing) > 5:
            more = len(missing) - 5
            shown = ngettext("{tables} and {n} more", "{tables} and {n} more", more).format(
                tables=shown, n=more
            )
        problems.append(
            (
                "openpes.W004",
                _(
                    "the app's role {user!r} may not read and write {tables}, so the pages that "
                    "use them fail; as the owner, run the GRANTs of docs/deployment.md again "
                    "(after an upgrade, new tables are not covered unless ALTER DEFAULT "
                    "PRIVILEGES was run)"
                ).format(user=user, tables=shown),
            )
        )
    return problems


@register(deploy=True)
def check_database_role(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    # Read when the check runs: in the language the command line activated (web_setup).
    hint = _("See docs/deployment.md, 'Two database roles'.")
    return [Warning(message, hint=hint, id=code) for code, message in database_role_problems()]
