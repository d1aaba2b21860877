"""``openpes trail``: verify the audit trail and anchor its head outside the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from openpes.cli.language import cli_number, cli_translator
from openpes.cli.web_setup import django_setup

app = typer.Typer(
    help="The audit trail: verify its integrity, anchor its head.", no_args_is_help=True
)

_ANCHORS = typer.Option(
    "--anchors",
    help="Anchor store (file or http(s) URL); default OPENPES_TRAIL_ANCHORS.",
)


@app.command("verify")
def verify(anchors: Annotated[str | None, _ANCHORS] = None) -> None:
    """Recompute the hash chain and check the anchors. Exit 0 if intact; 1 naming the event.

    After a successful check the head is anchored, so the next run catches a cut tail.
    """
    django_setup()
    from openpes.web.oversight.services import trail_verification_run
    from openpes.web.trail.anchors import anchor_store

    texts = cli_translator()
    _ = texts.gettext
    console = Console()
    store = anchor_store(anchors)
    # Read the anchors first: a malformed store is an error (exit 2) before the long walk.
    anchored_before = len(store.read()) if store is not None else 0
    with console.status(_("Verifying the audit trail…")):
        # Stored, so the oversight pages show this (scheduled) result without recomputing it;
        # the head is anchored after an intact check.
        report = trail_verification_run(actor="cli:trail-verify", anchors=anchors)
    if not report.intact:
        console.print(
            _("[bold red]BROKEN[/] at event {position}: {problem}").format(
                position=report.first_bad, problem=escape(report.problem)
            )
        )
        raise typer.Exit(1)
    if store is None:
        console.print(
            _(
                "[bold yellow]WARNING[/] no anchor store is configured (OPENPES_TRAIL_ANCHORS): "
                "a cut tail, or a trail deleted and written anew, cannot be detected."
            )
        )
    elif anchored_before == 0:
        console.print(
            _(
                "[bold yellow]WARNING[/] no anchor existed yet in {store}: this check could not "
                "tell whether the tail was cut. The head is anchored now."
            ).format(store=escape(store.name))
        )
    console.print(
        texts.ngettext(
            "[green]OK[/] {n} event, head {head}…",
            "[green]OK[/] {n} events, head {head}…",
            report.checked,
        ).format(n=cli_number(report.checked), head=report.head_hash[:16])
    )


@app.command("anchor")
def anchor(
    out: Annotated[
        Path | None,
        typer.Option(help="Anchor file to append the head to; default OPENPES_TRAIL_ANCHORS."),
    ] = None,
) -> None:
    """Append the trail's head (position and hash) to a store kept outside the database."""
    django_setup()
    from openpes.errors import ConfigurationError
    from openpes.web.trail.anchors import anchor_store, trail_anchor

    _ = cli_translator().gettext
    store = anchor_store(out)
    if store is None:
        raise ConfigurationError(_("no anchor store: pass --out or set OPENPES_TRAIL_ANCHORS"))
    anchored = trail_anchor(store)
    if anchored is None:
        typer.echo(_("The trail is empty; nothing to anchor."))
        return
    typer.echo(
        _("Anchored event {position} ({hash}…) in {store}").format(
            position=anchored.position, hash=anchored.hash[:16], store=store.name
        )
    )
