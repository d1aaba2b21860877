from __future__ import annotations

from rich.console import Console
from rich.table import Table

from openpes.cli.language import cli_number, cli_translator
from openpes.cli.web_setup import django_setup
from openpes.errors import ConfigurationError


def demo() -> None:
    """Seed the database with demo data (idempotent) and print the demo logins."""
    django_setup()
    from openpes.web.demo.seed import DEMO_PASSWORD, demo_seed
    from openpes.web.environment import is_production, var_dir

    texts = cli_translator()
    _ = texts.gettext
    if is_production():
        raise ConfigurationError(
            _("Refusing to create demo accounts with a known password in production.")
        )
    console = Console()
    from openpes.web.catalogue.index import snapshot_ensure

    with console.status(_("Seeding demo data…")):
        summary = demo_seed(var_dir=var_dir())
    with console.status(_("Building the match index…")):
        snapshot_ensure()
    # Each count is its own plural: "1 team" and "3 teams" differ in every language.
    counts = {
        "users": texts.ngettext("{n} user", "{n} users", summary.created_users),
        "teams": texts.ngettext("{n} team", "{n} teams", summary.created_teams),
        "jobseekers": texts.ngettext(
            "{n} job seeker", "{n} job seekers", summary.created_jobseekers
        ),
        "assessments": texts.ngettext(
            "{n} readiness assessment",
            "{n} readiness assessments",
            summary.created_assessments,
        ),
    }
    numbers = {
        "users": summary.created_users,
        "teams": summary.created_teams,
        "jobseekers": summary.created_jobseekers,
        "assessments": summary.created_assessments,
    }
    console.print(
        _("Demo data ready (created: {users}, {teams}, {jobseekers} and {assessments}).").format(
            **{key: text.format(n=cli_number(numbers[key])) for key, text in counts.items()}
        )
    )
    if summary.created_history:
        from openpes.web.console_mail import mail_to_folder
        from openpes.web.oversight.monitoring import oversight_run

        # Once, so that the oversight dashboard opens on a real alert (docs/oversight.md).
        # Its alert mails go to a folder, not the terminal: printed, they would push the
        # demo logins out of sight (docs/oversight.md, "Mail").
        folder = var_dir() / "mail"
        with console.status(_("Running the oversight monitors…")), mail_to_folder(folder) as mails:
            outcome = oversight_run(actor="demo")
        alerts = len(outcome.new_alerts)
        console.print(
            texts.ngettext(
                "Oversight monitors ran: {n} alert on the dashboard.",
                "Oversight monitors ran: {n} alerts on the dashboard.",
                alerts,
            ).format(n=cli_number(alerts))
        )
        if mails:
            console.print(
                texts.ngettext(
                    "{n} alert mail written to {folder} (development mail is not sent).",
                    "{n} alert mails written to {folder} (development mail is not sent).",
                    len(mails),
                ).format(n=cli_number(len(mails)), folder=folder),
                highlight=False,
                markup=False,
            )
    table = Table(title=_("Demo logins (password: {password})").format(password=DEMO_PASSWORD))
    table.add_column(_("user name"))
    table.add_column(_("role"))
    for username, role in summary.logins:
        # The role is Django's lazy label, in the run's language (django_setup activated it).
        table.add_row(username, str(role))
    console.print(table)
