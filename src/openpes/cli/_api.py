"""``openpes api token create|list|revoke``: API tokens for integration accounts."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openpes.cli.language import cli_translator

app = typer.Typer(help="The REST API (docs/integration.md).", no_args_is_help=True)
token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def create(
    account: str = typer.Argument(..., help="Integration account name (created if new)."),
    scope: list[str] = typer.Option(  # noqa: B008 - Typer declares options this way
        ..., "--scope", help="A scope such as vacancies:write (repeatable)."
    ),
    label: str = typer.Option("", "--label", help="What the token is for."),
) -> None:
    """Create a token and print it once: only its hash is stored."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.web.integrations.services import token_create

    token, secret = token_create(
        actor="cli",
        account_name=account,
        scopes=[s for item in scope for s in item.split(",")],
        label=label,
    )
    console = Console(stderr=True)
    console.print(
        cli_translator()
        .gettext(
            "Token {id} for [bold]{account}[/] with scopes {scopes}. "
            "Copy it now; it cannot be shown again:"
        )
        .format(id=token.pk, account=escape(token.account.name), scopes=", ".join(token.scopes)),
        highlight=False,
    )
    # The secret alone on standard output, for a script to capture.
    typer.echo(secret)


@token_app.command("list")
def list_tokens(
    all_tokens: bool = typer.Option(False, "--all", help="Include revoked tokens."),
) -> None:
    """List tokens (never their secrets)."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.web.integrations.selectors import tokens_list

    _ = cli_translator().gettext
    table = Table()
    table.add_column("id")
    table.add_column(_("account"))
    table.add_column(_("prefix"))
    table.add_column(_("scopes"))
    table.add_column(_("created"))
    table.add_column(_("last used"))
    table.add_column(_("revoked"))
    for token in tokens_list(include_revoked=all_tokens):
        table.add_row(
            str(token.pk),
            token.account.name,
            token.prefix + "…",
            ", ".join(token.scopes),
            f"{token.created_at:%Y-%m-%d %H:%M}",
            f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "",
            f"{token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "",
        )
    Console(width=200).print(table)


@token_app.command("revoke")
def revoke(
    token_id: int = typer.Argument(..., help="The token's id (see `api token list`)."),
) -> None:
    """Revoke a token: its next request gets 401."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.errors import InputError
    from openpes.web.integrations.models import ApiToken
    from openpes.web.integrations.services import token_revoke

    _ = cli_translator().gettext
    token = ApiToken.objects.select_related("account").filter(pk=token_id).first()
    if token is None:
        raise InputError(_("no API token has the id {id}").format(id=token_id), column="token_id")
    if token_revoke(actor="cli", token=token):
        typer.echo(_("Token {id} revoked.").format(id=token_id))
    else:
        typer.echo(_("Token {id} was already revoked.").format(id=token_id))
