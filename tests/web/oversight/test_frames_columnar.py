"""The live tables read as Arrow through ADBC give the same frames as Django's cursor.

Run on SQLite by default and on PostgreSQL with ``OPENPES_DATABASE_URL=postgresql://...``.
The rows must be committed for the driver's own connection to see them, hence
``transaction=True``; Django's SQLite test database is in memory, so on SQLite the driver
reads a copy of it in a file.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import polars as pl
import pytest
from django.db import connection
from django.utils import timezone
from polars.testing import assert_frame_equal

from openpes.web.caseload.models import JobSeeker
from openpes.web.demo.oversight_history import oversight_history_seed
from openpes.web.oversight import frames


def _all_frames() -> dict[str, pl.DataFrame]:
    until = timezone.now() + timedelta(days=1)
    since = until - timedelta(days=400)
    people = frames.people_frame()
    return {
        "people": people,
        "team": frames.people_frame(team="North"),
        "suggestions": frames.suggestions_frame(since=since, until=until, people=people),
        "assessments": frames.assessments_frame(since=since, until=until, people=people),
        "outcomes": frames.outcomes_frame(),
        "features": frames.features_frame(since=since - timedelta(days=400), until=until),
        # Nothing in the window: the empty frames must agree too.
        # All the queries at once, on worker threads with ADBC, as a run reads them.
        **{
            f"run_{name}": frame
            for name, frame in frames.inputs(
                period_start=until - timedelta(days=30),
                period_end=until,
                reference_start=since,
                reference_end=until - timedelta(days=30),
                team="South",
            ).items()
        },
        "empty": frames.assessments_frame(
            since=since - timedelta(days=4000), until=since - timedelta(days=3000)
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_adbc_and_the_django_cursor_give_the_same_frames(population, tmp_path, monkeypatch):
    driver = "adbc_driver_sqlite" if connection.vendor == "sqlite" else "adbc_driver_postgresql"
    pytest.importorskip(driver)
    population(n=400, seed=5)
    oversight_history_seed(months=2, per_month=0.6, override_bias=True, seed=3)
    # No counsellor, no team and no protected attributes: NULL-led columns.
    JobSeeker.objects.create(
        reference="JS-NULL",
        first_name="No",
        last_name="Counsellor",
        isced=3,
        region="North",
        lat=50.8,
        lon=4.35,
        registered_on=timezone.localdate(),
    )
    if connection.vendor == "sqlite":
        assert frames.adbc_uri() is None  # the in-memory test database
        copy = tmp_path / "copy.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        monkeypatch.setattr(frames, "adbc_uri", lambda: str(copy))
    uri = frames.adbc_uri()
    assert uri is not None
    # The driver really reads the rows (a failure would silently fall back).
    plan = frames._people_plan(None)
    assert frames._columnar(uri, connection.vendor, *plan).height == 401

    columnar = _all_frames()
    monkeypatch.setattr(frames, "COLUMNAR", False)
    monkeypatch.setattr(frames, "adbc_uri", lambda: None)
    cursor = _all_frames()

    assert columnar["suggestions"].height > 100 and columnar["assessments"].height > 100
    assert columnar["people"]["sex"].null_count() == 1
    assert columnar["empty"].is_empty()
    # Neither path orders rows (PostgreSQL's synchronised scans may start mid-table).
    for name, frame in cursor.items():
        assert_frame_equal(columnar[name], frame, check_row_order=False)


def test_inside_a_transaction_the_django_cursor_reads(db):
    # The driver's own connection would not see the transaction's uncommitted rows.
    assert connection.in_atomic_block
    assert frames.adbc_uri() is None
