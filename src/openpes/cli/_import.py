"""``openpes import KIND FILE``: validate a whole file, then apply all of it or none."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

_KINDS = ("jobseekers", "protected", "vacancies", "trainings", "outcomes")
_FILE = typer.Argument(..., help="A .csv, .parquet or .jsonl file (docs/integration.md).")


def import_(
    kind: str = typer.Argument(
        ..., help="jobseekers, protected, vacancies, trainings or outcomes."
    ),
    file: Path = _FILE,
    source: str = typer.Option("import", "--source", help="The feed the records come from."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Validate and count what would change, then store nothing."
    ),
    max_errors: int = typer.Option(100, "--max-errors", min=1, help="Report at most N problems."),
    withdraw_missing: bool = typer.Option(
        False,
        "--withdraw-missing",
        help="The file is the source's whole feed: withdraw its open vacancies or trainings "
        "that the file no longer lists.",
    ),
) -> None:
    """Import records; every bad row is reported and nothing is stored unless all are valid."""
    from openpes.cli.language import cli_number, cli_translator
    from openpes.cli.progress import check_choices
    from openpes.cli.web_setup import django_setup

    check_choices(lambda s: s, ("KIND", kind, _KINDS))
    # The snapshot is built below, in this process, before the command returns.
    os.environ["OPENPES_INDEX_BUILD"] = "off"
    django_setup()
    from django.db import transaction

    from openpes.cli.progress import step_progress
    from openpes.errors import InputError
    from openpes.web.interchange.files import read_records
    from openpes.web.interchange.services import records_apply
    from openpes.web.interchange.validate import (
        SOURCE_EXPECTED,
        is_source,
        synth_outcomes_validated,
        validate_records,
    )

    console = Console(stderr=True, soft_wrap=True)
    texts = cli_translator()
    _ = texts.gettext  # the CLI's own catalogue (tests/cli/test_own_texts.py checks it)
    if kind in ("vacancies", "trainings", "outcomes") and not is_source(source):
        # Stored as given, the records could not be reached by the API's URLs.
        raise InputError(
            _("--source {value}: expected {expected}").format(
                value=repr(source), expected=SOURCE_EXPECTED
            )
        )
    if withdraw_missing and kind not in ("vacancies", "trainings"):
        raise InputError(_("--withdraw-missing: only vacancies and trainings can be withdrawn."))
    data = read_records(file)
    problems = []
    if kind == "outcomes" and "status" not in data.columns and "censored" in data.columns:
        data, problems = synth_outcomes_validated(data, file=file.name, limit=max_errors)
    if not problems:
        records, problems = validate_records(kind, data, file=file.name, limit=max_errors)
    if problems:
        title = texts.ngettext(
            "{n} problem found; nothing was imported",
            "{n} problems found; nothing was imported",
            len(problems),
        ).format(n=cli_number(len(problems)))
        if not console.is_terminal:
            # Piped or logged: one line per problem, easy to grep and to read back.
            console.print(title, highlight=False)
            for p in problems:
                console.print(
                    escape(
                        _(
                            "{file}, row {row}, column {column}: {value}: expected {expected}"
                        ).format(
                            file=p.file,
                            row=p.row or "-",
                            column=p.column,
                            value=repr(p.value),
                            expected=p.expected,
                        )
                    ),
                    highlight=False,
                )
            raise typer.Exit(2)
        table = Table(title=title)
        for column in (_("file"), _("row"), _("column"), _("value"), _("expected")):
            table.add_column(column, overflow="fold")
        for p in problems:
            table.add_row(
                escape(p.file),
                str(p.row or ""),
                escape(p.column),
                escape(p.value[:80]),
                escape(str(p.expected)),
            )
        console.print(table)
        raise typer.Exit(2)
    if not records.height and withdraw_missing:
        # An empty export is far likelier than a feed with nothing open: refuse, change nothing.
        raise InputError(
            _(
                "{file} holds no records: --withdraw-missing would withdraw every open {kind} "
                "record of source {source}. Nothing was changed."
            ).format(file=file.name, kind=kind, source=source)
        )
    if not records.height:
        # "Nothing changed: all 0 records are up to date" would hide a file with no data.
        typer.echo(
            _("{file} holds no records (only a header): nothing to import.").format(file=file.name)
        )
        return
    with step_progress() as progress:
        task = progress.add_task(_("Importing {kind}").format(kind=kind), total=records.height)
        with transaction.atomic():
            result = records_apply(
                kind,
                records,
                actor="cli",
                source=source,
                progress=lambda n: progress.advance(task, n),
                channel="import",
                file=file.name,
            )
            withdrawn: list[str] = []
            if withdraw_missing:
                from openpes.web.catalogue.services import catalogue_withdraw

                id_column = "vacancy_id" if kind == "vacancies" else "training_id"
                withdrawn = catalogue_withdraw(
                    actor="cli",
                    kind=kind,
                    source=source,
                    keep=[str(ref) for ref in records[id_column]],
                    channel="import",
                )
            if dry_run:
                transaction.set_rollback(True)
    if not result.changed and not withdrawn:
        typer.echo(
            texts.ngettext(
                "Nothing changed: the {n} {kind} record is already up to date.",
                "Nothing changed: all {n} {kind} records are already up to date.",
                result.unchanged,
            ).format(n=cli_number(result.unchanged), kind=kind)
        )
    else:
        # Each count is its own plural, joined by a sentence each language words for itself.
        created, updated, unchanged = result.created, result.updated, result.unchanged
        counts = (
            {
                "created": texts.ngettext(
                    "{n} record would be created", "{n} records would be created", created
                ),
                "updated": texts.ngettext(
                    "{n} record would be updated", "{n} records would be updated", updated
                ),
            }
            if dry_run
            else {
                "created": texts.ngettext("{n} record created", "{n} records created", created),
                "updated": texts.ngettext("{n} record updated", "{n} records updated", updated),
            }
        )
        counts["unchanged"] = texts.ngettext(
            "{n} record unchanged", "{n} records unchanged", unchanged
        )
        numbers = {"created": created, "updated": updated, "unchanged": unchanged}
        typer.echo(
            _("{kind}: {created}, {updated} and {unchanged}.").format(
                kind=kind,
                **{key: text.format(n=cli_number(numbers[key])) for key, text in counts.items()},
            )
        )
    if withdraw_missing:
        typer.echo(
            (
                texts.ngettext(
                    "{n} {kind} record no longer in the file would be withdrawn.",
                    "{n} {kind} records no longer in the file would be withdrawn.",
                    len(withdrawn),
                )
                if dry_run
                else texts.ngettext(
                    "{n} {kind} record no longer in the file withdrawn.",
                    "{n} {kind} records no longer in the file withdrawn.",
                    len(withdrawn),
                )
            ).format(n=cli_number(len(withdrawn)), kind=kind)
        )
    if (result.changed or withdrawn) and not dry_run and kind in ("vacancies", "trainings"):
        from openpes.web.catalogue.index import snapshot_ensure

        with console.status(_("Rebuilding the match index…")):
            snapshot_ensure()
