"""``openpes api token create|list|revoke``: API tokens for integration accounts."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

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
        f"Token {token.pk} for [bold]{token.account.name}[/] with scopes "
        f"{', '.join(token.scopes)}. Copy it now; it cannot be shown again:",
        highlight=False,
    )
    typer.echo(secret)


@token_app.command("list")
def list_tokens(
    all_tokens: bool = typer.Option(False, "--all", help="Include revoked tokens."),
) -> None:
    """List tokens (never their secrets)."""
    from openpes.cli.web_setup import django_setup

    django_setup()
    from openpes.web.integrations.selectors import tokens_list

    table = Table()
    for column in ("id", "account", "prefix", "scopes", "created", "last used", "revoked"):
        table.add_column(column)
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

    token = ApiToken.objects.select_related("account").filter(pk=token_id).first()
    if token is None:
        raise InputError(f"no API token has the id {token_id}", column="token_id")
    if token_revoke(actor="cli", token=token):
        typer.echo(f"Token {token_id} revoked.")
    else:
        typer.echo(f"Token {token_id} was already revoked.")
