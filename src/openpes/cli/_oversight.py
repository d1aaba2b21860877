"""``openpes oversight``: run the monitors, pause and resume AI systems, show their status."""

from __future__ import annotations

import getpass
import gettext
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer
from rich.console import Console
from rich.table import Table

from openpes.cli.language import cli_number, cli_translator
from openpes.cli.web_setup import django_setup
from openpes.errors import InputError
from openpes.files import write_atomic
from openpes.i18n import messages, normalise_language

if TYPE_CHECKING:
    from openpes.i18n import Language

app = typer.Typer(
    help="Live oversight: monitors, alerts and the stop switch of the AI systems.",
    no_args_is_help=True,
)
_ = messages("openpes.oversight")


def _actor() -> str:
    # The trail names who acted; on the command line that is the operating-system user.
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def _period_days(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*d?\s*", text)
    if not match or not 1 <= int(match.group(1)) <= 3660:
        raise InputError(
            _("--period expects a number of days such as 30d, got {value!r}").format(value=text)
        )
    return int(match.group(1))


def _system(key: str):
    from openpes.web.oversight.selectors import system_get, system_list

    system = system_get(key)
    if system is None:
        known = ", ".join(s.key for s in system_list())
        raise InputError(
            _("no AI system {key!r}; known systems: {known}").format(key=key, known=known)
        )
    return system


def _team(name: str | None):
    if name is None:
        return None
    from openpes.web.accounts.models import Team

    team = Team.objects.filter(name=name).first()
    if team is None:
        known = ", ".join(Team.objects.order_by("name").values_list("name", flat=True))
        raise InputError(
            _("no team {name!r}; known teams: {known}").format(name=name, known=known or _("none"))
        )
    return team


def statuses() -> dict[str, str]:
    """``paused`` when a system is paused for the whole service, else ``active``."""
    # Not translated: these are values of the JSON contract of `oversight run`.
    from openpes.web.oversight.selectors import pause_state, system_list

    return {
        s.key: "paused" if pause_state(s.key, team=None).paused else "active" for s in system_list()
    }


@app.command("run")
def run(
    period: Annotated[str, typer.Option(help="Length of the monitored period, e.g. 30d.")] = "30d",
    format: Annotated[
        Literal["json", "md", "html"], typer.Option("--format", help="Output format.")
    ] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write here (atomically) instead of stdout.")
    ] = None,
    language: Annotated[str, typer.Option(help="Language of md/html output.")] = "en",
    engine: Annotated[
        Literal["polars", "spark"],
        typer.Option(help="Compute with Polars, or with Spark (local mode) from a Parquet export."),
    ] = "polars",
) -> None:
    """Compute every monitor, store the results, raise alerts and mail them.

    Exit 0: no new alert. Exit 1: one or more new alerts. Exit 2: bad input.
    """
    days = _period_days(period)
    django_setup()
    from openpes import oversight
    from openpes.reports import to_html, to_markdown
    from openpes.web.oversight.monitoring import oversight_run

    outcome = oversight_run(period_days=days, actor=_actor(), engine=engine)
    if format == "json":
        # Compact: the run lists every group of every monitor (C encoder, not indented).
        body = json.dumps(
            oversight.run_to_dict(outcome.result, statuses=statuses()),
            ensure_ascii=False,
            default=str,
        )
    else:
        # A language we do not ship falls back to English, as the core's translator does.
        document = oversight.oversight_document(
            outcome.result, language=cast("Language", normalise_language(language))
        )
        body = to_html(document) if format == "html" else to_markdown(document)
    if out is None:
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
    else:
        # The full figures, small groups included, are for the oversight role only.
        write_atomic(out, body, private=True)
    texts = cli_translator()
    total, new = len(outcome.result.alerts), len(outcome.new_alerts)
    summary = (
        texts.ngettext("{n} alert", "{n} alerts", total).format(n=cli_number(total))
        + ", "
        + texts.ngettext("{n} new", "{n} new", new).format(n=cli_number(new))
    )
    if outcome.paused:
        summary += texts.gettext("; paused automatically: {systems}").format(
            systems=", ".join(outcome.paused)
        )
    Console(stderr=True).print(summary)
    raise typer.Exit(1 if outcome.new_alerts else 0)


@contextmanager
def _reason_option() -> Iterator[None]:
    """The service names a too-short reason as its column ``reason``; here it was typed as
    the option ``--reason``, so the message names that."""
    try:
        yield
    except InputError as exc:
        if exc.column != "reason" or exc.file is not None:
            raise
        texts = cli_translator()
        raise InputError(
            texts.gettext("option {option}: {reason}").format(option="--reason", reason=exc.reason)
        ) from None


@app.command("pause")
def pause(
    system: Annotated[str, typer.Argument(help="System id, e.g. matching or support_needs.")],
    reason: Annotated[str, typer.Option(help="Why (required; goes into the trail).")],
    team: Annotated[str | None, typer.Option(help="Pause only for this team.")] = None,
) -> None:
    """Pause an AI system for the whole service or one team; it holds from the next request."""
    django_setup()
    from openpes.web.oversight.services import system_pause

    with _reason_option():
        system_pause(system=_system(system), actor=_actor(), reason=reason, team=_team(team))
    texts = cli_translator()
    typer.echo(
        texts.gettext("{system} paused for team {team}").format(system=system, team=team)
        if team
        else texts.gettext("{system} paused for the whole service").format(system=system)
    )


@app.command("resume")
def resume(
    system: Annotated[str, typer.Argument(help="System id, e.g. matching or support_needs.")],
    reason: Annotated[str, typer.Option(help="Why (required; goes into the trail).")],
    team: Annotated[str | None, typer.Option(help="Resume the pause of this team.")] = None,
) -> None:
    """Resume an AI system (the pause of the whole service, or of one team)."""
    django_setup()
    from openpes.web.oversight.services import system_resume

    with _reason_option():
        system_resume(system=_system(system), actor=_actor(), reason=reason, team=_team(team))
    texts = cli_translator()
    typer.echo(
        texts.gettext("{system} resumed for team {team}").format(system=system, team=team)
        if team
        else texts.gettext("{system} resumed").format(system=system)
    )


@app.command("status")
def status() -> None:
    """Each AI system: active or paused (where, since when, by whom), open alerts, last run."""
    django_setup()
    from openpes.web.oversight.selectors import active_pauses, alert_list, latest_run, system_list

    texts = cli_translator()
    table = Table(title=texts.gettext("AI systems"))
    table.add_column(texts.gettext("system"))
    table.add_column(texts.gettext("status"))
    table.add_column(texts.gettext("pauses in force"))
    table.add_column(texts.gettext("open alerts"))
    for system in system_list():
        pauses = list(active_pauses(system=system))
        whole = any(p.team_id is None for p in pauses)
        described = "; ".join(_pause_described(p, texts) for p in pauses)
        table.add_row(
            # The system's id stays as it is: it is what `oversight pause` takes.
            system.key,
            texts.gettext("paused")
            if whole
            else (texts.gettext("partly paused") if pauses else texts.gettext("active")),
            described or "-",
            cli_number(alert_list(system_key=system.key).count()),
        )
    console = Console()
    console.print(table)
    run = latest_run()
    console.print(
        texts.ngettext(
            "Last monitor run: {ran_at} ({n} new alert)",
            "Last monitor run: {ran_at} ({n} new alerts)",
            run.new_alerts,
        ).format(ran_at=_local(run.ran_at), n=cli_number(run.new_alerts))
        if run
        else texts.gettext("The monitors have not run yet.")
    )


def _local(moment) -> str:  # noqa: ANN001
    """A stored time in the service's time zone (``OPENPES_TIME_ZONE``), as the dashboard
    shows it; stored times are UTC."""
    from django.utils import timezone

    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _pause_described(pause, texts: gettext.NullTranslations) -> str:  # noqa: ANN001
    """Where a pause holds, since when and by whom, and whether it awaits confirmation."""
    where = pause.team.name if pause.team else texts.gettext("whole service")
    text = texts.gettext("{where} since {since} by {who}").format(
        where=where, since=_local(pause.paused_at), who=pause.paused_by
    )
    if pause.automatic and not pause.confirmed_at:
        text += " " + texts.gettext("(automatic, to confirm)")
    return text
