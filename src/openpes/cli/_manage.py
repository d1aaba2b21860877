from __future__ import annotations

import typer

from openpes.cli.web_setup import django_setup


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `openpes manage migrate`."""
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["openpes manage", *ctx.args])
