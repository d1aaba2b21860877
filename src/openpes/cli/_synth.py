"""``openpes synth``: write a synthetic PES population as Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from openpes.cli.progress import check_choices, step_progress
from openpes.files import check_writable
from openpes.i18n import LANGUAGES, LocalisedText, translator


def synth(
    jobseekers: Annotated[int, typer.Option("--jobseekers", min=1, help="Number of job seekers.")],
    vacancies: Annotated[int, typer.Option("--vacancies", min=0, help="Number of vacancies.")],
    trainings: Annotated[int, typer.Option("--trainings", min=0, help="Number of trainings.")],
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same bytes.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the Parquet files into.")],
    bias: Annotated[
        str,
        typer.Option("--bias", help="Historical bias: 'default' (the documented one) or 'none'."),
    ] = "default",
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="Language of the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms."
        ),
    ] = "en",
) -> None:
    """Generate a synthetic PES population and write it as Parquet files."""
    from openpes.synth import FRAMES, GENERATION_STEPS, BiasConfig, generate_world

    _ = translator("openpes.synth", lang).gettext
    check_choices(_, ("--lang", lang, LANGUAGES), ("--bias", bias, ("default", "none")))
    check_writable(out, folder=True)
    step_labels = {
        "taxonomy": _("Loading the ESCO taxonomy"),
        "people": _("Drawing job seekers"),
        "careers": _("Drawing work histories and skills"),
        "vacancies": _("Drawing vacancies"),
        "trainings": _("Drawing trainings"),
        "outcomes": _("Drawing re-employment outcomes"),
        "frames": _("Assembling the tables"),
    }
    with step_progress() as progress:
        generating = progress.add_task(_("Generating"), total=len(GENERATION_STEPS))

        def on_step(name: str) -> None:
            done = GENERATION_STEPS.index(name)
            progress.update(generating, completed=done, description=step_labels[name])

        world = generate_world(
            jobseekers,
            vacancies,
            trainings,
            seed=seed,
            bias=BiasConfig.none() if bias == "none" else BiasConfig(),
            progress=on_step,
        )
        progress.update(generating, completed=len(GENERATION_STEPS), description=_("Generated"))
        writing = progress.add_task(_("Writing Parquet files"), total=len(FRAMES) + 1)
        written = world.write_parquet(out, on_file=lambda _name: progress.advance(writing))

    table = Table(title=_("Synthetic world written to {folder}").format(folder=out))
    table.add_column(_("File"))
    table.add_column(_("Rows"), justify="right")
    rows = {f"{name}.parquet": frame.height for name, frame in world.frames().items()}
    count = LocalisedText("openpes.synth", lang).number
    for path in written:
        table.add_row(path.name, count(rows[path.name], 0) if path.name in rows else "")
    Console().print(table)
