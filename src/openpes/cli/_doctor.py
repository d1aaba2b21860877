from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openpes.cli.language import cli_translator

#: (what is checked, in the run's language; passed; the detail, in the run's language)
Check = tuple[str, bool, str]


def _check_database() -> list[Check]:
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    texts = cli_translator()
    _ = texts.gettext
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        return [(_("database"), False, _("cannot connect: {error}").format(error=exc))]
    checks = [
        (
            _("database"),
            True,
            f"{connection.vendor} ({connection.settings_dict['NAME']})",
        )
    ]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    from openpes.web.trail.checks import database_role_problems

    role_problems = database_role_problems()
    checks.append(
        (
            _("database role"),
            not role_problems,
            "; ".join(m for _key, m in role_problems) or _("cannot erase the audit trail"),
        )
    )
    checks.append(
        (
            _("migrations"),
            not pending,
            _("up to date")
            if not pending
            else texts.ngettext(
                "{n} pending: run `openpes manage migrate`",
                "{n} pending: run `openpes manage migrate`",
                len(pending),
            ).format(n=len(pending)),
        )
    )
    return checks


def _check_bundled_data() -> list[Check]:
    _ = cli_translator().gettext
    checks = []
    for package, label in [
        ("openpes.taxonomy", _("ESCO bundle")),
        ("openpes.synth", _("labour-market bundle")),
    ]:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            checks.append((label, False, _("{package} is not installed").format(package=package)))
            continue
        # Look at the files without importing the package, so a broken install is reported too.
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        found = data.is_dir() and any(entry.suffix == ".parquet" for entry in data.iterdir())
        detail = (
            _("present") if found else _("missing from {folder}").format(folder=f"{package}/data")
        )
        checks.append((label, found, detail))
    return checks


def _check_optional_parts() -> list[Check]:
    _ = cli_translator().gettext
    checks = []
    spark = importlib.util.find_spec("pyspark") is not None
    java = shutil.which("java") is not None
    checks.append(
        (
            "spark (openpes[spark])",
            spark and java,
            _("pyspark and java found")
            if spark and java
            else _("install openpes[spark] and a Java 17+ runtime")
            if not spark
            else _("pyspark found but no `java` on PATH"),
        )
    )
    from openpes.taxonomy import retrieval_model_status

    semantic, detail = retrieval_model_status()
    checks.append(
        (
            _("skill retrieval model ({extra})").format(extra="openpes[semantic]"),
            semantic,
            detail,
        )
    )
    checks += _check_skill_vectors() if semantic else []
    psycopg = importlib.util.find_spec("psycopg") is not None
    checks.append(
        (
            "postgres (openpes[postgres])",
            psycopg,
            _("psycopg found")
            if psycopg
            else _("install {extra}").format(extra="openpes[postgres]"),
        )
    )
    from django.db import connection

    driver = "adbc_driver_postgresql" if connection.vendor == "postgresql" else "adbc_driver_sqlite"
    adbc = importlib.util.find_spec(driver) is not None
    extra = "openpes[postgres]" if connection.vendor == "postgresql" else "openpes[web]"
    checks.append(
        (
            _("columnar oversight reads ({driver})").format(driver=driver.replace("_", "-")),
            adbc,
            _("{driver} found").format(driver=driver)
            if adbc
            else _(
                "oversight runs read the database through Django, more slowly: install {extra}"
            ).format(extra=extra),
        )
    )
    return checks


def _check_skill_vectors() -> list[Check]:
    """Whether each ESCO in use has its skills' label and description vectors.

    The bundle ships them; an imported language gets them from `openpes taxonomy embed`
    (or the import), and until then skill search ranks on the labels' words.
    """
    from openpes.cli.language import cli_number
    from openpes.taxonomy import Taxonomy, imported_languages

    texts = cli_translator()
    _ = texts.gettext
    checks = []
    bundled = Taxonomy.load()
    languages = imported_languages()
    for language in ([bundled.language] if bundled.language not in languages else []) + languages:
        status = Taxonomy.load(language).embedding_status()
        parts = [
            _("label vectors ready")
            if not status.labels_to_embed
            else _("label vectors not built (skill search is lexical until then)"),
            texts.ngettext(
                "description vectors: {count} of {total} skill with a description",
                "description vectors: {count} of {total} skills with a description",
                status.described,
            ).format(count=cli_number(status.embedded), total=cli_number(status.described)),
        ]
        if not status.complete:
            minutes = status.minutes
            parts.append(
                texts.ngettext(
                    "run `openpes taxonomy embed --esco {language}` (about {n} minute of one core)",
                    "run `openpes taxonomy embed --esco {language}` "
                    "(about {n} minutes of one core)",
                    max(minutes, 1),
                ).format(language=language, n=cli_number(max(minutes, 1)))
            )
        checks.append(
            (
                _("skill vectors (ESCO {language})").format(language=language),
                status.complete,
                "; ".join(parts),
            )
        )
    return checks


def _check_demo(var_dir: Path) -> list[Check]:
    from openpes.web.demo.world import demo_files_problems

    _ = cli_translator().gettext
    broken = demo_files_problems(var_dir)
    if broken:
        return [
            (
                _("demo data"),
                False,
                _(
                    "broken or unfinished: {files} (under {folder}); "
                    "run `openpes demo` again to repair it"
                ).format(files=", ".join(broken), folder=var_dir),
            )
        ]
    return [(_("demo data"), True, _("intact, or not installed"))]


def doctor() -> None:
    """Check the database, migrations, bundled data, the demo's files and optional parts."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.web.environment import var_dir

    _ = cli_translator().gettext
    rows = (
        _check_database() + _check_bundled_data() + _check_demo(var_dir()) + _check_optional_parts()
    )
    table = Table(title="openpes doctor")
    table.add_column(_("check"))
    table.add_column(_("status"))
    table.add_column(_("detail"))
    ok_text, problem_text = escape(_("OK")), escape(_("PROBLEM"))
    for label, ok, detail in rows:
        table.add_row(
            escape(label),
            f"[green]{ok_text}[/]" if ok else f"[red]{problem_text}[/]",
            escape(detail),
        )
    Console().print(table)
    # The checks are named in the run's language; so are the ones the exit code depends on.
    required = {_("database"), _("migrations"), _("ESCO bundle"), _("labour-market bundle")}
    if any(not ok for label, ok, _detail in rows if label in required):
        raise typer.Exit(1)
