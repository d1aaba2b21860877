"""``openpes accounts``: accounts that Django admin cannot make, such as a job seeker's own."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from openpes.cli.language import cli_translator
from openpes.cli.web_setup import django_setup

app = typer.Typer(help="Accounts: give a job seeker their own account.", no_args_is_help=True)


@app.command("jobseeker")
def jobseeker(
    reference: Annotated[str, typer.Argument(help="The job seeker's reference, e.g. JS-0000001.")],
    email: Annotated[
        str, typer.Option("--email", help="Their e-mail address: the user name and the link's.")
    ],
) -> None:
    """Open a job seeker's own account and mail them the link to choose a password.

    Run it again to send a new link (the first one expires).
    """
    django_setup()
    import smtplib

    from django.db import transaction

    from openpes.errors import ConfigurationError, InputError
    from openpes.web.accounts.invite import account_invite_send, mail_is_printed
    from openpes.web.caseload.selectors import jobseeker_get
    from openpes.web.caseload.services import jobseeker_account_link

    _ = cli_translator().gettext
    if mail_is_printed():
        raise ConfigurationError(
            _(
                "production has no mail server (OPENPES_EMAIL_HOST): the link would be written "
                "to the log instead of sent; nothing was changed"
            )
        )
    person = jobseeker_get(reference=reference)
    if person is None:
        raise InputError(
            _("no job seeker has the reference {reference}").format(reference=reference)
        )
    try:
        # One step: an account whose link could not be sent is not left behind.
        with transaction.atomic():
            user, created = jobseeker_account_link(
                actor="cli:accounts", jobseeker=person, email=email
            )
            account_invite_send(user=user)
    except (OSError, smtplib.SMTPException) as exc:
        raise ConfigurationError(
            _("the mail could not be sent ({problem}); nothing was changed").format(
                problem=exc or type(exc).__name__
            )
        ) from exc
    if created:
        text = _(
            "Account {username} opened for {reference}; the link to choose a password was "
            "sent to {email}."
        )
    else:
        text = _("{reference} already has the account {username}; a new link was sent to {email}.")
    Console().print(
        escape(text.format(username=user.username, reference=reference, email=user.email)),
        highlight=False,
    )
