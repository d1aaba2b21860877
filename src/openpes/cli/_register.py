"""``openpes register export|annex-iv|fria|list``: the register of AI systems and its documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from openpes.cli.language import cli_translator
from openpes.cli.web_setup import django_setup
from openpes.errors import InputError
from openpes.files import write_atomic
from openpes.i18n import messages

_ = messages("openpes.register")

app = typer.Typer(
    help="The register of AI systems: exports to the Dutch and UK standards, AI Act documents.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "--lang", help="Language of the texts: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)
_OUT = typer.Option("--out", help="File to write (default: standard output).")


def _record(system: str):  # noqa: ANN202 - a Django model, imported after setup
    from openpes.web.register.selectors import record_get, record_list

    record = record_get(system=system)
    if record is None:
        known = ", ".join(r.system for r in record_list()) or "-"
        raise InputError(
            _("no AI system {system!r} in the register (registered: {known})").format(
                system=system, known=known
            ),
            column="SYSTEM",
        )
    return record


def _write(content: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(content)
        return
    write_atomic(out, content.encode("utf-8"))
    written = cli_translator().gettext("[green]Written[/] {file}")
    # soft_wrap: a long path reaches the terminal whole, so it can be copied.
    Console(stderr=True, soft_wrap=True).print(written.format(file=escape(str(out))))


@app.command("list")
def list_records() -> None:
    """The registered AI systems, with their status and version."""
    django_setup()
    from openpes.web.register.selectors import record_list

    for record in record_list():
        # Not translated: tab-separated ids and values, for scripts (`cut -f1` gives the ids).
        typer.echo(f"{record.system}\t{record.kind}\t{record.status}\tv{record.version}")


@app.command("export")
def export(
    system: Annotated[str, typer.Argument(help="The system's id, e.g. support-needs.")],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="nl-algoritmeregister, nl-algoritmeregister-csv, atrs, atrs-html, "
            "annex-viii, json.",
        ),
    ] = "json",
    lang: Annotated[str, _LANG] = "en",
    out: Annotated[Path | None, _OUT] = None,
) -> None:
    """Export one record with its live facts (the Dutch export is always in Dutch)."""
    django_setup()
    from openpes.web.register.exports import record_export
    from openpes.web.register.services import record_exported

    record = _record(system)
    result = record_export(record, format=format, language=lang)
    record_exported(record=record, actor="cli", format=format)
    _write(result.content, out)


@app.command("annex-iv")
def annex_iv(
    system: Annotated[str, typer.Argument(help="The system's id, e.g. support-needs.")],
    format: Annotated[str, typer.Option("--format", help="html, md or json.")] = "html",
    lang: Annotated[str, _LANG] = "en",
    out: Annotated[Path | None, _OUT] = None,
    full_figures: Annotated[
        bool,
        typer.Option(
            "--full-figures",
            help="For the oversight officer only: include groups of fewer than 10 people "
            "and rates over fewer than 10 decisions (recorded in the audit trail).",
        ),
    ] = False,
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="Your user name; --full-figures needs the oversight role."),
    ] = None,
) -> None:
    """The technical documentation (AI Act Annex IV), every statement with source and date."""
    # Without --full-figures it leaves out what is too small to show outside the oversight
    # role, as every other export does. The CLI cannot tell who runs it, so the full figures
    # need a named oversight officer (as `openpes export --with-protected` does), who is
    # then the actor in the trail.
    django_setup()
    from openpes.web.register.exports import annex_iv_export
    from openpes.web.register.services import record_exported

    actor = _oversight_actor(as_user, full=full_figures)
    record = _record(system)
    result = annex_iv_export(record, format=format, language=lang, full=full_figures)
    record_exported(record=record, actor=actor, format=f"annex-iv-{format}", full=full_figures)
    _write(result.content, out)


def _oversight_actor(as_user: str | None, *, full: bool) -> object:
    """The user named by ``--as`` (or "cli"); for full figures, one with the oversight role."""
    from django.contrib.auth import get_user_model

    from openpes.web.register.perms import sees_full_figures

    actor: object = "cli"
    if as_user is not None:
        actor = get_user_model().objects.filter(username=as_user, is_active=True).first()
        if actor is None:
            raise InputError(_("no active user is called {name!r}").format(name=as_user))
    if full and not sees_full_figures(actor):
        raise InputError(_("--full-figures needs --as USER, a user with the oversight role"))
    return actor


@app.command("fria")
def fria(
    system: Annotated[str, typer.Argument(help="The system's id, e.g. support-needs.")],
    format: Annotated[str, typer.Option("--format", help="html, md or json.")] = "html",
    lang: Annotated[str, _LANG] = "en",
    out: Annotated[Path | None, _OUT] = None,
) -> None:
    """The fundamental rights impact assessment (AI Act Art. 27), checked for update first."""
    django_setup()
    from openpes.web.register.exports import fria_export
    from openpes.web.register.services import fria_flag_check

    record = _record(system)
    fria_flag_check(record=record)
    _write(fria_export(record, format=format, language=lang).content, out)
