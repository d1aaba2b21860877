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
    """Export for audits. The export, and each person in it, is recorded in the audit trail."""
    from openpes.cli.language import cli_number, cli_translator
    from openpes.cli.progress import check_choices
    from openpes.cli.web_setup import django_setup
    from openpes.errors import InputError

    texts = cli_translator()
    _ = texts.gettext  # the CLI's own catalogue (tests/cli/test_own_texts.py checks it)
    check_choices(lambda s: s, ("KIND", kind, _KINDS))
    try:
        start = dt.date.fromisoformat(since) if since else None
    except ValueError:
        raise InputError(
            _("--since expects a date as YYYY-MM-DD, got {value!r}").format(value=since),
        ) from None
    django_setup()
    from django.contrib.auth import get_user_model

    from openpes.web.accounts.enums import Role
    from openpes.web.accounts.selectors import user_roles
    from openpes.web.interchange.exports import export_frame
    from openpes.web.interchange.files import write_records
    from openpes.web.trail.enums import Action
    from openpes.web.trail.services import event_record, events_record

    actor = None
    if as_user is not None:
        actor = get_user_model().objects.filter(username=as_user, is_active=True).first()
        if actor is None:
            raise InputError(_("no active user is called {name!r}").format(name=as_user))
    if with_protected and (actor is None or Role.OVERSIGHT not in user_roles(actor)):
        raise InputError(_("--with-protected needs --as USER, a user with the oversight role"))
    frame = export_frame(kind, since=start, with_protected=with_protected)
    write_records(frame, out)
    # An export reads the records of everyone in it: each person's own access log says so,
    # as it does for an API page (one event per person, however many rows they have).
    events_record(
        actor=actor or "cli",
        action=Action.RECORD_VIEWED,
        events=[
            (f"jobseeker:{ref}", {"page": "export", "kind": kind, "file": out.name})
            for ref in dict.fromkeys(frame["jobseeker_id"].to_list())
        ],
    )
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
    typer.echo(
        texts.ngettext(
            "Wrote {n} {kind} row to {out}.", "Wrote {n} {kind} rows to {out}.", frame.height
        ).format(n=cli_number(frame.height), kind=kind, out=out)
    )
