"""``openpes match``: vacancy (and training) suggestions for a file of job seekers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from openpes.errors import InputError
from openpes.files import atomic_path, check_writable
from openpes.i18n import LANGUAGES, LocalisedText, messages, translator

# Errors are messages, translated where they are shown; progress and results are printed
# here, in the --lang language.
_ = messages("openpes.matching")


def _as_of(value: str) -> dt.date | str:
    if value in ("today", "latest"):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("--as-of must be a date (YYYY-MM-DD), 'today' or 'latest', got {value!r}").format(
                value=value
            )
        ) from None


def match(
    jobseekers: Annotated[
        Path, typer.Option("--jobseekers", help="Job seekers (Parquet, as `openpes synth` writes).")
    ],
    vacancies: Annotated[Path, typer.Option("--vacancies", help="Vacancies (Parquet).")],
    out: Annotated[Path, typer.Option("--out", help="Output file: .parquet or .csv.")],
    trainings: Annotated[
        Path | None,
        typer.Option(
            "--trainings", help="Trainings (Parquet): trainings for the top vacancy's gaps."
        ),
    ] = None,
    k: Annotated[
        int, typer.Option("--k", min=1, max=1000, help="Suggestions per job seeker.")
    ] = 10,
    engine: Annotated[
        str, typer.Option("--engine", help="'local' (all cores) or 'spark' (local Spark session).")
    ] = "local",
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            help="Reference date of the closing-date constraint: YYYY-MM-DD, 'today' or "
            "'latest' (the newest posted_on in the vacancies, the default).",
        ),
    ] = "latest",
    scheme: Annotated[
        str | None,
        typer.Option(
            "--scheme",
            help="Add a column national_code: the codes of this national classification "
            "(imported with `openpes taxonomy crosswalk import`) that cover each suggested "
            "occupation.",
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang", help="Language of the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms."
        ),
    ] = "en",
) -> None:
    """Suggest vacancies (and trainings) to every job seeker in a file, with their reasons."""
    import polars as pl

    from openpes.matching import (
        JOBSEEKER_SCHEMA,
        MatchIndex,
        cover_gaps,
        read_table,
        suggest_spark,
        validate,
    )
    from openpes.taxonomy import Taxonomy, load_crosswalk, with_national_codes

    for option, value, choices in (
        ("--lang", lang, LANGUAGES),
        ("--engine", engine, ("local", "spark")),
    ):
        if value not in choices:
            raise InputError(
                _("{option} must be one of {choices}, got {value!r}").format(
                    option=option, choices=", ".join(choices), value=value
                )
            )
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise InputError(_("the output must end in .parquet or .csv"), file=str(out))
    check_writable(out)
    reference = _as_of(as_of)
    crosswalk = load_crosswalk(scheme) if scheme is not None else None  # before the long run
    t = translator("openpes.matching", lang).gettext
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        loading = progress.add_task(t("Reading the files"), total=None)
        people = validate(read_table(jobseekers), JOBSEEKER_SCHEMA, source=str(jobseekers))
        tax = Taxonomy.load()
        index = MatchIndex.build(read_table(vacancies), taxonomy=tax, source=str(vacancies))
        training_table = read_table(trainings) if trainings is not None else None
        progress.update(loading, total=1, completed=1)
        matching = progress.add_task(t("Matching job seekers"), total=people.height)
        if engine == "spark":
            result = suggest_spark(index, people, k=k, as_of=reference)  # type: ignore[arg-type]
            progress.update(matching, completed=people.height)
        else:
            result = index.suggest(
                people,
                k=k,
                as_of=reference,  # type: ignore[arg-type]
                progress=lambda n: progress.advance(matching, n),
            )
        if training_table is not None:
            gaps = result.filter(pl.col("rank") == 1).select(
                key=pl.col("jobseeker_id"),
                missing=pl.col("missing_essential").cast(pl.List(pl.String)),
            )
            day = index.resolve_as_of(reference)  # type: ignore[arg-type]
            chosen = cover_gaps(gaps, training_table, k=3, as_of=day, source=str(trainings))
            per_person = chosen.group_by("key", maintain_order=True).agg(
                suggested_trainings=pl.col("training_id")
            )
            result = result.join(
                per_person.rename({"key": "jobseeker_id"}).with_columns(
                    rank=pl.lit(1, dtype=pl.Int32)
                ),
                on=["jobseeker_id", "rank"],
                how="left",
                maintain_order="left",
            ).with_columns(
                pl.col("suggested_trainings").fill_null(pl.lit([], dtype=pl.List(pl.String)))
            )
        if crosswalk is not None:
            result = with_national_codes(result, crosswalk, taxonomy=tax)
        _write(result, out)
    # Both counts are plurals of their own: "1 suggestion for 1 job seeker" reads right too.
    texts = LocalisedText("openpes.matching", lang)
    jobseekers_text = texts.ngettext("{n} job seeker", "{n} job seekers", people.height)
    Console().print(
        texts.ngettext(
            "{n} suggestion for {jobseekers} written to {file}",
            "{n} suggestions for {jobseekers} written to {file}",
            result.height,
        ).format(
            n=texts.number(result.height, 0),
            jobseekers=jobseekers_text.format(n=texts.number(people.height, 0)),
            file=out,
        )
    )


def _write(frame: object, out: Path) -> None:
    """Write Parquet as is, or CSV with lists joined by ';' and partial matches as JSON.

    Through a temporary file (``openpes.files``): an interrupted run leaves no half file. The
    frame is written straight to disk, not buffered in memory first, since a national batch
    gives millions of rows.
    """
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    with atomic_path(out) as tmp:
        if out.suffix.lower() == ".parquet":
            frame.write_parquet(tmp)
            return
        flat = frame.with_columns(
            [
                pl.col(name).cast(pl.List(pl.String)).list.join(";")
                for name, dtype in frame.schema.items()
                if isinstance(dtype, pl.List) and not isinstance(dtype.inner, pl.Struct)
            ]
        )
        plain = pl.Struct({"required": pl.String, "held": pl.String, "relation": pl.String})
        encoded = (
            pl.col("partial_matches")
            .cast(pl.List(plain))
            .list.eval(pl.element().struct.json_encode())
        )
        flat = flat.with_columns(
            partial_matches=pl.concat_str(pl.lit("["), encoded.list.join(","), pl.lit("]"))
        )
        flat.write_csv(tmp)
