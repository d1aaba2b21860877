from __future__ import annotations

from rich.console import Console
from rich.table import Table

from openpes.cli.language import cli_translator
from openpes.cli.web_setup import django_setup
from openpes.errors import ConfigurationError


def demo() -> None:
    """Seed the database with demo data (idempotent) and print the demo logins."""
    django_setup()
    from openpes.web.demo.seed import DEMO_PASSWORD, demo_seed
    from openpes.web.environment import is_production, var_dir

    if is_production():
        raise ConfigurationError(
            "Refusing to create demo accounts with a known password in production."
        )
    console = Console()
    from openpes.web.catalogue.index import snapshot_ensure

    with console.status("Seeding demo data…"):
        summary = demo_seed(var_dir=var_dir())
    with console.status("Building the match index…"):
        snapshot_ensure()
    console.print(
        f"Demo data ready ({summary.created_users} users, {summary.created_teams} teams and "
        f"{summary.created_jobseekers} job seekers and {summary.created_assessments} readiness "
        "assessments created)."
    )
    if summary.created_history:
        from openpes.web.oversight.monitoring import oversight_run

        # Once, so that the oversight dashboard opens on a real alert (docs/oversight.md).
        with console.status("Running the oversight monitors…"):
            outcome = oversight_run(actor="demo")
        alerts = len(outcome.new_alerts)
        console.print(
            cli_translator()
            .ngettext(
                "Oversight monitors ran: {n} alert on the dashboard.",
                "Oversight monitors ran: {n} alerts on the dashboard.",
                alerts,
            )
            .format(n=alerts)
        )
    table = Table(title=f"Demo logins (password: {DEMO_PASSWORD})")
    table.add_column("user name")
    table.add_column("role")
    for username, role in summary.logins:
        table.add_row(username, str(role))
    console.print(table)
