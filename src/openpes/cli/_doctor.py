from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _check_database() -> list[tuple[str, bool, str]]:
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        return [("database", False, f"cannot connect: {exc}")]
    checks = [("database", True, f"{connection.vendor} ({connection.settings_dict['NAME']})")]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    from openpes.web.trail.checks import database_role_problems

    role_problems = database_role_problems()
    checks.append(
        (
            "database role",
            not role_problems,
            "; ".join(m for _, m in role_problems) or "cannot erase the audit trail",
        )
    )
    checks.append(
        (
            "migrations",
            not pending,
            "up to date"
            if not pending
            else f"{len(pending)} pending: run `openpes manage migrate`",
        )
    )
    return checks


def _check_bundled_data() -> list[tuple[str, bool, str]]:
    checks = []
    for package, label in [
        ("openpes.taxonomy", "ESCO bundle"),
        ("openpes.synth", "labour-market bundle"),
    ]:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            checks.append((label, False, f"{package} is not installed"))
            continue
        # Look at the files without importing the package, so a broken install is reported too.
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        found = data.is_dir() and any(entry.suffix == ".parquet" for entry in data.iterdir())
        checks.append((label, found, "present" if found else f"missing from {package}/data"))
    return checks


def _check_optional_parts() -> list[tuple[str, bool, str]]:
    checks = []
    spark = importlib.util.find_spec("pyspark") is not None
    java = shutil.which("java") is not None
    checks.append(
        (
            "spark (openpes[spark])",
            spark and java,
            "pyspark and java found"
            if spark and java
            else "install openpes[spark] and a Java 17+ runtime"
            if not spark
            else "pyspark found but no `java` on PATH",
        )
    )
    from openpes.taxonomy import retrieval_model_status

    semantic, detail = retrieval_model_status()
    checks.append(("skill retrieval model (openpes[semantic])", semantic, detail))
    psycopg = importlib.util.find_spec("psycopg") is not None
    checks.append(
        (
            "postgres (openpes[postgres])",
            psycopg,
            "psycopg found" if psycopg else "install openpes[postgres]",
        )
    )
    from django.db import connection

    driver = "adbc_driver_postgresql" if connection.vendor == "postgresql" else "adbc_driver_sqlite"
    adbc = importlib.util.find_spec(driver) is not None
    checks.append(
        (
            f"columnar oversight reads ({driver.replace('_', '-')})",
            adbc,
            f"{driver} found"
            if adbc
            else "oversight runs read the database through Django, more slowly: install "
            + ("openpes[postgres]" if connection.vendor == "postgresql" else "openpes[web]"),
        )
    )
    return checks


def _check_demo(var_dir: Path) -> list[tuple[str, bool, str]]:
    from openpes.web.demo.world import demo_files_problems

    broken = demo_files_problems(var_dir)
    if broken:
        return [
            (
                "demo data",
                False,
                f"broken or unfinished: {', '.join(broken)} (under {var_dir}); "
                "run `openpes demo` again to repair it",
            )
        ]
    return [("demo data", True, "intact, or not installed")]


def doctor() -> None:
    """Check the database, migrations, bundled data, the demo's files and optional parts."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.web.environment import var_dir

    rows = (
        _check_database() + _check_bundled_data() + _check_demo(var_dir()) + _check_optional_parts()
    )
    table = Table(title="openpes doctor")
    table.add_column("check")
    table.add_column("status")
    table.add_column("detail")
    for name, ok, detail in rows:
        table.add_row(escape(name), "[green]OK[/]" if ok else "[red]PROBLEM[/]", escape(detail))
    Console().print(table)
    required = {"database", "migrations", "ESCO bundle", "labour-market bundle"}
    if any(not ok for name, ok, _ in rows if name in required):
        raise typer.Exit(1)
