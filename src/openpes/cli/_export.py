"""``openpes export KIND --out FILE``: decisions, assessments or outcomes, for ``openpes audit``."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import typer

_KINDS = ("decisions", "assessments", "outcomes")
_OUT = typer.Option(..., "--out", help="A .parquet or .csv file, written atomically.")


def export(
    kind: str = typer.Argument(..., help="decisions, assessments or outcomes."),
    out: Path = _OUT,
    since: str | None = typer.Option(None, "--since", help="Only from this date (YYYY-MM-DD)."),
    with_protected: bool = typer.Option(
        False, "--with-protected", help="Join protected attributes (oversight role only)."
    ),
    as_user: str | None = typer.Option(
        None, "--as", help="Your user name; --with-protected needs the oversight role."
    ),
) -> None:
    """Export for audits. The export itself is recorded in the audit trail."""
    from openpes.cli.progress import check_choices
    from openpes.cli.web_setup import django_setup
    from openpes.errors import InputError

    check_choices(lambda s: s, ("KIND", kind, _KINDS))
    try:
        start = dt.date.fromisoformat(since) if since else None
    except ValueError:
        raise InputError(f"--since expects a date as YYYY-MM-DD, got {since!r}") from None
    django_setup()
    from django.contrib.auth import get_user_model

    from openpes.web.accounts.enums import Role
    from openpes.web.accounts.selectors import user_roles
    from openpes.web.interchange.exports import export_frame
    from openpes.web.interchange.files import write_records
    from openpes.web.trail.services import event_record

    actor = None
    if as_user is not None:
        actor = get_user_model().objects.filter(username=as_user, is_active=True).first()
        if actor is None:
            raise InputError(f"no active user is called {as_user!r}")
    if with_protected and (actor is None or Role.OVERSIGHT not in user_roles(actor)):
        raise InputError("--with-protected needs --as USER, a user with the oversight role")
    frame = export_frame(kind, since=start, with_protected=with_protected)  # type: ignore[arg-type]
    write_records(frame, out)
    event_record(
        actor=actor or "cli",
        action="export.written",
        subject=f"export:{kind}",
        details={
            "file": out.name,
            "rows": frame.height,
            "since": since,
            "with_protected": with_protected,
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        },
    )
    typer.echo(f"Wrote {frame.height} {kind} rows to {out}.")
