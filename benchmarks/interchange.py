"""Import, index-refresh and first-page benchmark (issue 13).

Run:  .venv/bin/python benchmarks/interchange.py [--quick] [--postgres URL]

1. ``openpes import jobseekers`` of N synthetic job seekers (about 33 ESCO skills each, as
   ``openpes synth`` writes them) into a fresh database: wall and CPU time, then the re-import
   (which changes nothing). Target: 100,000 in at most 60 s, on SQLite and on PostgreSQL.
2. Match-index refresh for V vacancies already in the database: read them, build the index,
   write the snapshot folder (``snapshot_build``). Target: 100,000 in at most 10 s. Then the
   load of that snapshot by a worker that has not mapped it yet (hashes checked).
3. First suggestion page (a counsellor opening a job seeker) in a fresh worker process on the
   demo-sized catalogue (800 vacancies, 150 trainings): after start, and after a catalogue
   change. Target: at most 300 ms.

Every step runs in a child process with its own database and ``var/`` folder. No peer: there
is no other open-source PES importer to compare with; the figures are against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable


def _env(var: Path, database: str | None) -> dict[str, str]:
    env = {**os.environ, "OPENPES_VAR_DIR": str(var), "OPENPES_INDEX_BUILD": "off"}
    env.pop("OPENPES_DATABASE_URL", None)
    if database:
        env["OPENPES_DATABASE_URL"] = database
    return env


def _fresh_postgres(url: str) -> str:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system of the child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip()


def _migrate(env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "-m", "openpes.cli", "manage", "migrate", "-v0"], env=env, check=True)


def bench_import(n: int, folder: Path, database: str | None) -> dict[str, object]:
    from openpes.synth import generate_world

    people = folder / f"jobseekers-{n}.parquet"
    if not people.exists():
        world = generate_world(n, 10, 2, seed=13)
        world.jobseekers.write_parquet(people)
    import polars as pl

    skills = pl.read_parquet(people)["skills"].list.len().mean()
    env = _env(folder / ("var-pg" if database else "var-sqlite"), database)
    _migrate(env)
    command = [PYTHON, "-m", "openpes.cli", "import", "jobseekers", str(people)]
    wall, cpu, out = _run(command, env)
    rewall, recpu, reout = _run(command, env)
    return {
        "n": n,
        "skills_per_person": round(float(skills), 1),
        "import_wall_s": round(wall, 1),
        "import_cpu_s": round(cpu, 1),
        "output": out,
        "reimport_wall_s": round(rewall, 1),
        "reimport_cpu_s": round(recpu, 1),
        "reimport_output": reout,
    }


_REFRESH_CHILD = """
import json, os, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
django.setup()
import polars as pl
from openpes.synth import generate_world
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import validate_records
from openpes.web.catalogue.index import snapshot_build
from openpes.web.caseload.taxonomy import taxonomy
vacancies = generate_world(10, {v}, 2, seed=13).vacancies
records, problems = validate_records("vacancies", vacancies, file="bench")
assert not problems
records_apply("vacancies", records, actor=None, source="bench")
taxonomy()  # loaded once per worker anyway; the refresh is what follows
cpu, start = time.process_time(), time.perf_counter()
path = snapshot_build()
wall, cpu = time.perf_counter() - start, time.process_time() - cpu
size = sum(p.stat().st_size for p in path.iterdir())
from openpes.web.catalogue import index
index._loaded.clear()  # a worker that has not loaded it yet
load_cpu, load_start = time.process_time(), time.perf_counter()
snapshot = index.current_snapshot()
load_wall, load_cpu = time.perf_counter() - load_start, time.process_time() - load_cpu
assert snapshot is not None and len(snapshot.index) == {v}
print(json.dumps({{"vacancies": {v}, "refresh_wall_s": round(wall, 2),
    "refresh_cpu_s": round(cpu, 2), "snapshot_mb": round(size / 1e6, 1),
    "load_wall_ms": round(load_wall * 1000), "load_cpu_ms": round(load_cpu * 1000)}}))
"""

_PAGE_CHILD = """
import json, os, time
start = time.perf_counter()
import openpes.web.wsgi  # what a gunicorn worker does when it boots (warm-up included)
booted = time.perf_counter() - start
from django.contrib.auth import get_user_model
from django.test import Client
from openpes.web.caseload.models import JobSeeker
client = Client()
# The test client loads the middleware at its first request; gunicorn's worker at boot.
assert client.get("/healthz").status_code == 200
booted = time.perf_counter() - start
client.force_login(get_user_model().objects.get(username="counsellor"),
                   backend="django.contrib.auth.backends.ModelBackend")
mine = JobSeeker.objects.filter(counsellor__username="counsellor")
people = list(mine.values_list("reference", flat=True)[:6])
times, cpus = [], []
for reference in people:
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(f"/caseload/{{reference}}/")
    times.append(round((time.perf_counter() - start) * 1000))
    cpus.append(round((time.process_time() - cpu) * 1000))
    # Some people have no close match (the page says so): the page is still the full work.
    assert response.status_code == 200 and b"Suggested vacancies" in response.content, reference
print(json.dumps({{"boot_s": round(booted, 2), "first_page_ms": times[0],
    "first_page_cpu_ms": cpus[0], "next_pages_ms": times[1:], "load": os.getloadavg()[0]}}))
"""

_CHANGE_CHILD = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
django.setup()
import polars as pl
from openpes.web.catalogue.models import Vacancy
from openpes.web.catalogue.services import vacancies_upsert
from openpes.web.catalogue.index import snapshot_build
row = Vacancy.objects.values().first()
row = {{k: v for k, v in row.items() if k not in ("id", "source", "content_hash", "updated_at")}}
row["reference"] = "BENCH-NEW"
vacancies_upsert(actor=None, records=[row], source="bench")
if {build}:
    snapshot_build()
"""


def bench_refresh(v: int, folder: Path) -> dict[str, object]:
    env = _env(folder / "var-refresh", None)
    _migrate(env)
    return json.loads(_run([PYTHON, "-c", _REFRESH_CHILD.format(v=v)], env)[2])


def bench_first_page(folder: Path) -> dict[str, object]:
    env = _env(folder / "var-demo", None)
    _migrate(env)
    seed = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'openpes.web.settings'); django.setup()\n"
        "from pathlib import Path\n"
        "from openpes.web.demo.seed import demo_seed\n"
        "from openpes.web.catalogue.index import snapshot_ensure\n"
        "import openpes.web.demo.seed as s\n"
        # The support-needs model is not what is measured; skip its training.
        "s.demo_model_write = lambda var: None\n"
        "s.demo_model_dir = lambda var: Path(os.environ['OPENPES_VAR_DIR'])\n"
        "demo_seed(var_dir=Path(os.environ['OPENPES_VAR_DIR'])); snapshot_ensure()\n"
    )
    subprocess.run([PYTHON, "-c", seed], env=env, check=True)
    page = _PAGE_CHILD.format()
    after_start = json.loads(_run([PYTHON, "-c", page], env)[2])
    # A change whose snapshot is not built yet: the worker serves the previous snapshot.
    subprocess.run([PYTHON, "-c", _CHANGE_CHILD.format(build=False)], env=env, check=True)
    stale = json.loads(_run([PYTHON, "-c", page], env)[2])
    # The background build has finished: a new worker loads the new snapshot.
    subprocess.run([PYTHON, "-c", _CHANGE_CHILD.format(build=True)], env=env, check=True)
    fresh = json.loads(_run([PYTHON, "-c", page], env)[2])
    return {"after_start": after_start, "after_change_stale": stale, "after_change_new": fresh}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10,000 people and vacancies.")
    parser.add_argument("--postgres", help="postgresql://... URL of a database to recreate.")
    parser.add_argument("--only", choices=("import", "refresh", "page"), action="append")
    args = parser.parse_args()
    n = 10_000 if args.quick else 100_000
    only = set(args.only or ("import", "refresh", "page"))
    print(f"load average at start: {os.getloadavg()}")
    print(f"cores: {os.cpu_count()}; CPU = user + system time of the measured process")
    with tempfile.TemporaryDirectory(prefix="openpes-bench-") as tmp:
        folder = Path(tmp)
        if "import" in only:
            print("import, SQLite:", json.dumps(bench_import(n, folder, None)))
            if args.postgres:
                url = _fresh_postgres(args.postgres)
                print("import, PostgreSQL:", json.dumps(bench_import(n, folder, url)))
            print(f"load average: {os.getloadavg()}")
        if "refresh" in only:
            print("index refresh:", json.dumps(bench_refresh(n, folder)))
            print(f"load average: {os.getloadavg()}")
        if "page" in only:
            print("first suggestion page:", json.dumps(bench_first_page(folder)))
            print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
