"""``openpes exchange``: keys, signed bundles, and the hub's import, withdrawal and members."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from openpes.cli.language import cli_translator
from openpes.cli.web_setup import django_setup
from openpes.errors import InputError
from openpes.i18n import messages

_ = messages("openpes.exchange")

app = typer.Typer(
    help="Share with an exchange hub of PES, or run one: keys, bundles, import, withdrawal.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "--lang", help="Language of the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)


def _say(text: str) -> None:
    Console(stderr=True, soft_wrap=True).print(escape(text), highlight=False)


@app.command("keygen")
def keygen(
    force: Annotated[bool, typer.Option("--force", help="Replace an existing key.")] = False,
) -> None:
    """Create this service's signing key (var/exchange.key, 0600); print its public key."""
    django_setup()
    from openpes.web.exchange.services import key_create

    typer.echo(key_create(overwrite=force))


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="The bundle file to write.")],
    readiness: Annotated[
        bool, typer.Option("--readiness", help="Share the readiness results.")
    ] = False,
    register: Annotated[
        bool, typer.Option("--register", help="Share the published register records.")
    ] = False,
    indicators: Annotated[
        bool, typer.Option("--indicators", help="Share the oversight indicators.")
    ] = False,
    cases: Annotated[bool, typer.Option("--cases", help="Share the cases written here.")] = False,
    member: Annotated[
        str | None, typer.Option("--member", help="Member id (default OPENPES_EXCHANGE_MEMBER).")
    ] = None,
) -> None:
    """Build and sign a bundle of the parts you name; read it before you send it."""
    from openpes.files import check_writable, write_atomic

    parts = [
        name
        for name, chosen in (
            ("readiness", readiness),
            ("register", register),
            ("indicators", indicators),
            ("cases", cases),
        )
        if chosen
    ]
    if not parts:
        raise InputError(
            _("name at least one part: --readiness, --register, --indicators, --cases")
        )
    check_writable(out)
    django_setup()
    from openpes.web.exchange.services import bundle_sign

    bundle = bundle_sign(parts, member=member)
    write_atomic(out, json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    # No words to translate: the file written and the parts' names, as the options spell them.
    _say(f"{out}: {', '.join(parts)}")


@app.command("send")
def send(
    bundle: Annotated[Path, typer.Argument(help="The signed bundle to send.")],
) -> None:
    """Send a bundle to the hub (OPENPES_HUB_URL, OPENPES_HUB_TOKEN). Exit 2 if refused."""
    from openpes.files import read_text

    content = json.loads(read_text(bundle))
    django_setup()
    from openpes.web.exchange.services import bundle_send

    answer = bundle_send(actor="cli", bundle=content)
    if not answer.accepted:
        raise InputError(answer.message, file=str(bundle))
    typer.echo(answer.message)


@app.command("import")
def import_(
    bundle: Annotated[Path, typer.Argument(help="A member's signed bundle.")],
    lang: Annotated[str, _LANG] = "en",
) -> None:
    """On the hub: check and store a bundle. Exit 0 accepted, 2 refused with the reason."""
    from openpes.files import read_text

    data = read_text(bundle)
    django_setup()
    from openpes.web.exchange.enums import Via
    from openpes.web.exchange.services import bundle_receive

    version = bundle_receive(actor="cli", data=data, via=str(Via.FILE))
    # Not translated: "slug vN digest" is the line a hub's script parses.
    typer.echo(f"{version.member.slug} v{version.number} {version.digest[:12]}")


@app.command("withdraw")
def withdraw(
    member: Annotated[
        str | None,
        typer.Option("--member", help="On the hub: withdraw this member's bundles here."),
    ] = None,
) -> None:
    """Withdraw what was shared. On a member: a signed request to the hub; on the hub:
    ``--member ID``. The hub's benchmarks update at once."""
    django_setup()
    if member:
        from openpes.web.exchange.selectors import member_get
        from openpes.web.exchange.services import bundle_withdraw

        found = member_get(slug=member)
        if found is None:
            raise InputError(
                _("member '{member}' is not registered on this hub").format(member=member)
            )
        # The number of versions withdrawn, alone, for a script to read.
        typer.echo(str(bundle_withdraw(actor="cli", member=found)))
        return
    from openpes.web.exchange.services import withdrawal_send

    answer = withdrawal_send(actor="cli")
    if not answer.accepted:
        raise InputError(answer.message)
    typer.echo(answer.message)


member_app = typer.Typer(help="The members of this hub.", no_args_is_help=True)
app.add_typer(member_app, name="member")


@member_app.command("add")
def member_add(
    slug: Annotated[str, typer.Argument(help="The member id its bundles carry.")],
    public_key: Annotated[str, typer.Argument(help="Its public key, ed25519:...")],
    name: Annotated[str, typer.Option("--name", help="The PES's name.")] = "",
    country: Annotated[str, typer.Option("--country", help="ISO country code, e.g. FI.")] = "",
    region: Annotated[str, typer.Option("--region", help="Benchmark grouping.")] = "",
    size_band: Annotated[str, typer.Option("--size-band", help="small, medium or large.")] = "",
) -> None:
    """Register a member's public key; print the API token (shown once) for its uploads."""
    django_setup()
    from openpes.web.exchange.services import member_register

    _member, token = member_register(
        actor="cli",
        slug=slug,
        name=name,
        country=country,
        public_key=public_key,
        region=region,
        size_band=size_band,
    )
    typer.echo(token)
    if sys.stderr.isatty():
        _say(
            cli_translator().gettext(
                "(token: shown once; give it to the member as OPENPES_HUB_TOKEN)"
            )
        )


@member_app.command("list")
def member_list() -> None:
    """The registered members and their current version."""
    django_setup()
    from openpes.web.exchange.selectors import current_versions
    from openpes.web.exchange.selectors import member_list as members

    current = {v.member_id: v.number for v in current_versions()}
    # Not translated: tab-separated ids and values, for scripts.
    for m in members():
        typer.echo(f"{m.slug}\t{m.country}\t{m.region}\t{m.size_band}\tv{current.get(m.pk, '-')}")


@app.command("benchmarks")
def benchmarks_export(
    out: Annotated[
        Path | None, typer.Option("--out", help="CSV file (default: the terminal).")
    ] = None,
) -> None:
    """On the hub: export the published benchmark cells (never one below 5 PES) as CSV."""
    import csv
    import io

    from openpes.files import write_atomic

    django_setup()
    from openpes.web.exchange.selectors import GROUPINGS, hub_benchmarks

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["metric", *GROUPINGS, "contributors", "q1", "median", "q3"])
    for cell in hub_benchmarks().cells:
        filters = dict(cell.filters)
        writer.writerow(
            [
                cell.metric,
                *(filters.get(g, "") for g in GROUPINGS),
                cell.contributors,
                cell.q1,
                cell.median,
                cell.q3,
            ]
        )
    if out is None:
        sys.stdout.write(buffer.getvalue())
    else:
        write_atomic(out, buffer.getvalue())
