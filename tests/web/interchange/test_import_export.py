from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker, JobSeekerSkill, ProtectedAttributes
from openpes.web.catalogue.models import Vacancy
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.models import AuditEvent

runner = CliRunner()


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory):
    from openpes.synth import generate_world

    folder = tmp_path_factory.mktemp("world")
    generate_world(400, 120, 20, seed=8).write_parquet(folder)
    return folder


def openpes(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_synth_files_import_and_reimport_changes_nothing(db, world_dir):
    for kind in ("jobseekers", "protected", "outcomes", "vacancies", "trainings"):
        result = openpes("import", kind, world_dir / f"{kind}.parquet", "--source", "synth")
        assert result.exit_code == 0, result.output
        assert f"{kind}: " in result.stdout and " created, " in result.stdout
    assert JobSeeker.objects.count() == 400 and ProtectedAttributes.objects.count() == 400
    assert Outcome.objects.count() == 400
    assert Vacancy.objects.filter(source="synth").count() == 120
    skills = pl.read_parquet(world_dir / "jobseekers.parquet")["skills"].list.unique().list.len()
    assert JobSeekerSkill.objects.count() == skills.sum()
    events = AuditEvent.objects.count()
    for kind in ("jobseekers", "protected", "outcomes", "vacancies"):
        again = openpes("import", kind, world_dir / f"{kind}.parquet", "--source", "synth")
        assert again.exit_code == 0 and again.stdout.startswith("Nothing changed"), again.stdout
    assert AuditEvent.objects.count() == events


def test_csv_and_jsonl_in_the_documented_schema(db, world_dir, tmp_path):
    from openpes.web.interchange.files import write_records

    people = pl.read_parquet(world_dir / "jobseekers.parquet").head(20)
    write_records(people, tmp_path / "people.csv")
    people.write_ndjson(tmp_path / "people.jsonl")
    assert openpes("import", "jobseekers", tmp_path / "people.csv").exit_code == 0
    assert JobSeeker.objects.count() == 20
    result = openpes("import", "jobseekers", tmp_path / "people.jsonl")
    assert result.stdout.startswith("Nothing changed"), "CSV and JSON Lines read alike"


def test_every_bad_row_is_reported_and_nothing_is_stored(db, world_dir, tmp_path):
    from openpes.web.interchange.files import write_records

    people = pl.read_parquet(world_dir / "jobseekers.parquet").head(30)
    write_records(people, tmp_path / "people.csv")
    lines = (tmp_path / "people.csv").read_text().splitlines()
    lines[3] = lines[3].replace("http://data.europa.eu/esco/skill/", "http://example.org/s/", 1)
    lines[7] = lines[7].replace(",full_time,", ",sometimes,").replace(",part_time,", ",sometimes,")
    (tmp_path / "people.csv").write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["import", "jobseekers", str(tmp_path / "people.csv")])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "nothing was imported" in out and "people.csv" in out
    assert "skills" in out and "ESCO skill" in out
    assert "sometimes" in out
    assert not JobSeeker.objects.exists()


def test_dry_run_stores_nothing(db, world_dir):
    result = openpes("import", "jobseekers", world_dir / "jobseekers.parquet", "--dry-run")
    assert result.exit_code == 0 and "400 records would be created" in result.stdout
    assert not JobSeeker.objects.exists()


def test_export_needs_oversight_for_protected_and_goes_to_the_trail(
    db, world_dir, tmp_path, make_user
):
    openpes("import", "jobseekers", world_dir / "jobseekers.parquet")
    openpes("import", "protected", world_dir / "protected.parquet")
    counsellor = make_user(Role.COUNSELLOR)
    out = tmp_path / "outcomes.parquet"
    refused = runner.invoke(
        app,
        ["export", "outcomes", "--out", str(out), "--with-protected", "--as", counsellor.username],
    )
    assert refused.exit_code != 0 and not out.exists()
    plain = openpes("export", "outcomes", "--out", out)
    assert plain.exit_code == 0
    assert "sex" not in pl.read_parquet(out).columns
    event = AuditEvent.objects.get(action="export.written")
    assert event.details["with_protected"] is False and event.details["rows"] == 400


def _audit(path: Path) -> dict:
    result = runner.invoke(
        app,
        [
            "audit",
            str(path),
            "--label",
            "employed_12m",
            "--prediction",
            "employed_6m",
            "--sensitive",
            "sex,origin,age_band",
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)


def test_round_trip_synth_import_export_audit_equals_synth_audit(
    db, world_dir, tmp_path, make_user
):
    for kind in ("jobseekers", "protected", "outcomes"):
        assert openpes("import", kind, world_dir / f"{kind}.parquet").exit_code == 0
    oversight = make_user(Role.OVERSIGHT)
    exported = tmp_path / "export.parquet"
    result = openpes(
        "export", "outcomes", "--out", exported, "--with-protected", "--as", oversight.username
    )
    assert result.exit_code == 0, result.output
    synth = pl.read_parquet(world_dir / "outcomes.parquet").join(
        pl.read_parquet(world_dir / "protected.parquet"), on="jobseeker_id"
    )
    direct = tmp_path / "synth.parquet"
    synth.with_columns(pl.col("employed_12m", "employed_6m").cast(pl.Int8)).write_parquet(direct)
    assert _audit(exported) == _audit(direct)
    assert AuditEvent.objects.get(action="export.written").actor == oversight.username


def test_import_killed_mid_way_stores_nothing(tmp_path):
    """kill -9 during the write: the transaction never commits, the database keeps nothing."""
    from openpes.synth import generate_world

    env = {**os.environ, "OPENPES_VAR_DIR": str(tmp_path / "var"), "OPENPES_DATABASE_URL": ""}
    env.pop("OPENPES_DATABASE_URL")
    command = [sys.executable, "-m", "openpes.cli"]
    subprocess.run([*command, "manage", "migrate", "-v0"], env=env, check=True)
    world = generate_world(20_000, 10, 2, seed=4)
    world.jobseekers.write_parquet(tmp_path / "people.parquet")
    database = tmp_path / "var" / "openpes.sqlite3"
    wal = database.with_name(database.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [*command, "import", "jobseekers", str(tmp_path / "people.parquet")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    # Kill once the transaction has written a good part of its rows to the log.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start + 4_000_000:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM caseload_jobseeker").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM caseload_jobseekerskill").fetchone() == (0,)


@pytest.mark.postgres
def test_import_killed_mid_way_stores_nothing_on_postgres(tmp_path):
    from django.db import connection

    from openpes.synth import generate_world
    from tests.conftest import require

    require(connection.vendor == "postgresql", "set OPENPES_DATABASE_URL to a postgresql:// URL")
    import psycopg

    settings = connection.settings_dict
    base = f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}"
    name = f"{settings['NAME']}_kill"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "OPENPES_VAR_DIR": str(tmp_path / "var"),
        "OPENPES_DATABASE_URL": f"{base}/{name}",
    }
    command = [sys.executable, "-m", "openpes.cli"]
    subprocess.run([*command, "manage", "migrate", "-v0"], env=env, check=True)
    generate_world(20_000, 10, 2, seed=4).jobseekers.write_parquet(tmp_path / "people.parquet")
    process = subprocess.Popen(
        [*command, "import", "jobseekers", str(tmp_path / "people.parquet")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with psycopg.connect(f"{base}/{name}", autocommit=True) as watch:
            deadline = time.monotonic() + 120
            # Kill while the import streams its skills into the table.
            while time.monotonic() < deadline and process.poll() is None:
                copying = watch.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND query LIKE 'COPY%%'",
                    [name],
                ).fetchone()
                if copying and copying[0]:
                    break
                time.sleep(0.05)
            assert process.poll() is None, "the import finished before it could be killed"
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            time.sleep(1)
            assert watch.execute("SELECT count(*) FROM caseload_jobseeker").fetchone() == (0,)
            assert watch.execute("SELECT count(*) FROM caseload_jobseekerskill").fetchone() == (0,)
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_import_writes_one_event_per_person_changed_to_their_access_log(db, world_dir, tmp_path):
    from openpes.web.casework.subject_access import subject_access_data
    from openpes.web.trail.selectors import trail_verify

    people = pl.read_parquet(world_dir / "jobseekers.parquet")
    references = sorted(people["jobseeker_id"].to_list())
    for kind in ("jobseekers", "protected"):
        assert openpes("import", kind, world_dir / f"{kind}.parquet").exit_code == 0
    for action in ("record.changed", "protected.written"):
        events = AuditEvent.objects.filter(action=action, actor="cli")
        assert sorted(e.subject for e in events) == [f"jobseeker:{r}" for r in references]
        assert {e.details["kind"] for e in events} == {"created"}
    outcomes = pl.read_parquet(world_dir / "outcomes.parquet")
    assert openpes("import", "outcomes", world_dir / "outcomes.parquet").exit_code == 0
    events = AuditEvent.objects.filter(action="outcomes.recorded", actor="cli")
    assert sorted(e.subject for e in events) == [
        f"jobseeker:{r}" for r in sorted(set(outcomes["jobseeker_id"].to_list()))
    ]
    moved = people.with_columns(
        region=pl.when(pl.col("jobseeker_id") == references[7])
        .then(pl.lit("Elsewhere"))
        .otherwise(pl.col("region"))
    )
    moved.write_parquet(tmp_path / "moved.parquet")
    assert openpes("import", "jobseekers", tmp_path / "moved.parquet").exit_code == 0
    updated = AuditEvent.objects.filter(action="record.changed", details__kind="updated")
    assert [e.subject for e in updated] == [f"jobseeker:{references[7]}"]
    log = subject_access_data(jobseeker=JobSeeker.objects.get(reference=references[7]))
    changes = [
        e["kind"]
        for e in log["access_log"]
        if e["action"] in ("record.changed", "protected.written")
    ]
    assert sorted(changes) == ["created", "created", "updated"]
    assert trail_verify().intact


def test_an_export_is_a_read_of_each_person_in_it(db, world_dir, tmp_path):
    from openpes.web.trail.selectors import trail_verify

    for kind in ("jobseekers", "outcomes"):
        assert openpes("import", kind, world_dir / f"{kind}.parquet").exit_code == 0
    out = tmp_path / "outcomes.csv"
    result = openpes("export", "outcomes", "--out", out)
    assert result.exit_code == 0 and "Wrote 400 outcomes rows" in result.stdout
    exported = pl.read_csv(out)["jobseeker_id"].unique().sort().to_list()
    reads = AuditEvent.objects.filter(action="record.viewed", actor="cli")
    assert sorted(e.subject for e in reads) == [f"jobseeker:{r}" for r in exported]
    assert {e.details["page"] for e in reads} == {"export"}
    assert trail_verify().intact


def test_export_errors_speak_the_chosen_language(db, tmp_path):
    result = runner.invoke(
        app,
        ["--lang", "fr", "export", "outcomes", "--out", str(tmp_path / "o.csv"), "--since", "x"],
    )
    # In-process the error reaches the caller; `openpes` prints it and exits 2 (tests/cli).
    assert "AAAA-MM-JJ" in str(result.exception), result.output


def test_a_left_out_or_empty_rate_is_imported_as_unknown_not_zero(db, world_dir, tmp_path):
    from openpes.web.interchange.files import write_records

    people = pl.read_parquet(world_dir / "jobseekers.parquet").head(4)
    rates = [None, None, 0.071, None]
    write_records(people.drop("region_unemployment_rate").head(2), tmp_path / "without.csv")
    write_records(
        people.tail(2).with_columns(region_unemployment_rate=pl.Series(rates[2:])),
        tmp_path / "empty.csv",
    )
    for name in ("without.csv", "empty.csv"):
        result = openpes("import", "jobseekers", tmp_path / name)
        assert result.exit_code == 0, result.output
    stored = dict(JobSeeker.objects.values_list("reference", "region_unemployment_rate"))
    assert [stored[ref] for ref in people["jobseeker_id"]] == rates


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_an_export_is_readable_by_its_owner_only(db, world_dir, tmp_path, make_user, suffix):
    # People's records (with --with-protected, their sex, age, origin and disability) must
    # not be readable by every account on the host, whatever the umask.
    for kind in ("jobseekers", "protected", "outcomes"):
        assert openpes("import", kind, world_dir / f"{kind}.parquet").exit_code == 0
    officer = make_user(Role.OVERSIGHT)
    out = tmp_path / f"outcomes.{suffix}"
    result = openpes(
        "export", "outcomes", "--out", out, "--with-protected", "--as", officer.username
    )
    assert result.exit_code == 0, result.output
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
