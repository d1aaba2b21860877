from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from openpes.cli._django import django_setup
from openpes.files import write_atomic

app = typer.Typer(
    help="The audit trail: verify its integrity, anchor its head.", no_args_is_help=True
)


@app.command("verify")
def verify(
    anchors: Annotated[
        Path | None,
        typer.Option(
            help="Anchor file written by `openpes trail anchor`; catches a truncated tail."
        ),
    ] = None,
) -> None:
    """Recompute the hash chain. Exit 0 if intact; 1 naming the first bad event."""
    django_setup()
    from openpes.web.oversight.services import trail_verification_run
    from openpes.web.trail.selectors import event_hash_at

    console = Console()
    with console.status("Verifying the audit trail…"):
        # Stored, so the oversight pages show this (scheduled) result without recomputing it.
        report = trail_verification_run(actor="cli:trail-verify")
    if not report.intact:
        console.print(f"[bold red]BROKEN[/] at event {report.first_bad}: {report.problem}")
        raise typer.Exit(1)
    if anchors is not None:
        for number, line in enumerate(anchors.read_text().splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            position_text, anchored_hash = line.split()[:2]
            position = int(position_text)
            if event_hash_at(position) != anchored_hash:
                console.print(
                    f"[bold red]BROKEN[/] at event {position}: it no longer matches anchor "
                    f"line {number} of {anchors} (deleted or rewritten)"
                )
                raise typer.Exit(1)
    console.print(f"[green]OK[/] {report.checked} events, head {report.head_hash[:16]}…")


@app.command("anchor")
def anchor(
    out: Annotated[Path, typer.Option(help="Anchor file to append the current head to.")],
) -> None:
    """Append the trail's head (position and hash) to a file kept outside the database."""
    django_setup()
    from django.utils import timezone

    from openpes.web.trail.selectors import trail_head

    position, head = trail_head()
    if position == 0:
        typer.echo("The trail is empty; nothing to anchor.")
        return
    previous = out.read_text() if out.exists() else "# position hash anchored_at\n"
    line = f"{position} {head} {timezone.now().isoformat()}\n"
    write_atomic(out, previous + line)
    typer.echo(f"Anchored event {position} ({head[:16]}…) in {out}")
