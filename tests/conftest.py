"""Shared test plumbing.

Tests that need a system part (PostgreSQL, Chromium, Java for Spark) call
:func:`require`: on a developer laptop a missing part skips the test with the reason;
under CI (``CI=true``) it fails instead, because CI must run everything.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Timing is not what these properties test: on a loaded 2-core machine (CI, or a laptop
# running the suite on both cores) hypothesis's speed checks would fail correct code.
settings.register_profile("openpes", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("openpes")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def local_spark(app: str, config: dict[str, str] | None = None):
    """A local-mode Spark session for a module's tests (yield from it in a fixture).

    Skips (laptop) or fails (CI) when Java or pyspark is missing; the session stops after.
    """
    import importlib.util
    import shutil

    require(
        shutil.which("java") is not None and importlib.util.find_spec("pyspark") is not None,
        "needs Java and pyspark for local-mode Spark",
    )
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def require(available: bool, reason: str) -> None:
    """Skip (laptop) or fail (CI) the calling test when a system part is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Close connections after each request, so no server thread holds the test database open."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    # Requesting django_db_setup first makes the live server stop (and close its database
    # connections) before the test database is dropped; PostgreSQL refuses to drop a
    # database that a connection still uses.
    return live_server


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end any session a test left behind (and say so).

    PostgreSQL refuses to drop a database in use, which would turn a finished, green run
    into an error at teardown.
    """
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, application_name, state, left(query, 120) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            for pid, application, state, query in cursor.fetchall():
                print(f"\nclosing leftover session {pid} ({application}, {state}): {query}")
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
