from __future__ import annotations

import os
import sys

import typer

from openpes.cli.language import cli_translator


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(0, help="Worker processes (0: two per core, at least two)."),
) -> None:
    """Serve the web application with gunicorn (a production WSGI server)."""
    from openpes.cli.web_setup import django_setup

    # Fail here, with a clear message, rather than inside every worker.
    django_setup()
    from openpes.web.catalogue.index import snapshot_ensure
    from openpes.web.environment import var_dir

    # Workers load the snapshot in milliseconds; building it here keeps requests from doing so.
    snapshot_ensure()
    # Each instance gets its own control socket under var/, named after its address: two
    # instances on one machine, even sharing one var/, must never talk to each other's gunicorn.
    address = "".join(c if c.isalnum() or c in ".-" else "_" for c in f"{host}-{port}")
    control = var_dir() / f"gunicorn-{address}.ctl"
    count = workers or max(2, 2 * (os.cpu_count() or 1))
    typer.echo(
        cli_translator()
        .ngettext(
            "OpenPES listening on {url} with {n} worker",
            "OpenPES listening on {url} with {n} workers",
            count,
        )
        .format(url=f"http://{host}:{port}/", n=count)
    )
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "openpes.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(count),
            "--access-logfile",
            "-",
            "--control-socket",
            str(control),
            # gunicorn's largest request line: a long query (a pasted paragraph in a search
            # box) reaches the app, which answers with its own error message, not a bare 414.
            "--limit-request-line",
            "8190",
            "--forwarded-allow-ips",
            os.environ.get("OPENPES_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ],
    )
