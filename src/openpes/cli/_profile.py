"""``openpes profile train|score|card``: the support-needs assessment model."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from openpes.cli.progress import step_progress
from openpes.errors import InputError
from openpes.files import atomic_path, check_writable, read_text, write_atomic
from openpes.i18n import LANGUAGES, LocalisedText, messages, translator

if TYPE_CHECKING:
    import polars as pl

#: Errors are messages, translated where the CLI shows them; each command rebinds ``_`` to
#: the gettext of its ``--lang`` for the texts it prints itself.
_ = messages("openpes.profiling")

app = typer.Typer(
    help="Support-needs assessment: train an interpretable model, score people, print its card.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "--lang", help="Language of the texts: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)
_BATCH = 100_000


class _Model(StrEnum):
    ebm = "ebm"
    scorecard = "scorecard"
    lightgbm = "lightgbm"


class _Calibration(StrEnum):
    isotonic = "isotonic"
    platt = "platt"
    none = "none"


class _CardFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


#: The CLI's short format names and the card formats of the Python API.
_CARD_FORMATS = {"md": "markdown", "html": "html", "json": "json"}


def _gettext(lang: str) -> Callable[[str], str]:
    if lang not in LANGUAGES:
        raise InputError(
            _("--lang must be one of {choices}, got {value!r}").format(
                choices=", ".join(LANGUAGES), value=lang
            )
        )
    return translator("openpes.profiling", lang).gettext


def _is_world(path: Path) -> bool:
    return path.is_dir() and (path / "jobseekers.parquet").is_file()


def _read(path: Path, *, training: bool) -> pl.DataFrame:
    """A Parquet or CSV file, or the folder ``openpes synth`` wrote."""
    import polars as pl

    from openpes.profiling import features_from_world, training_frame

    if _is_world(path):
        jobseekers = pl.read_parquet(path / "jobseekers.parquet")
        if not training:
            return features_from_world(jobseekers)
        for name in ("protected", "outcomes"):
            if not (path / f"{name}.parquet").is_file():
                raise InputError(
                    _("the world folder has no {name}.parquet").format(name=name), file=str(path)
                )
        return training_frame(
            jobseekers,
            pl.read_parquet(path / "protected.parquet"),
            pl.read_parquet(path / "outcomes.parquet"),
        )
    if path.is_dir():
        raise InputError(
            _("this folder is not a world written by `openpes synth` (no jobseekers.parquet)"),
            file=str(path),
        )
    if not path.is_file():
        raise InputError(_("no such file or world folder"), file=str(path))
    try:
        if path.suffix == ".parquet":
            return pl.read_parquet(path)
        if path.suffix == ".csv":
            # UTF-8 (a byte order mark is fine) or UTF-16; latin-1 is refused, naming the row.
            text = read_text(path)
            if not text.strip():
                raise InputError(
                    _("the file is empty: a header row and data rows were expected"),
                    file=str(path),
                )
            return pl.read_csv(text.encode(), try_parse_dates=True)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(
            _("could not read the data: {error}").format(error=str(exc)), file=str(path)
        ) from None
    raise InputError(_("a .parquet or .csv file, or a world folder, was expected"), file=str(path))


def _split_names(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@app.command("train")
def train(
    data: Annotated[
        Path,
        typer.Option("--data", help="Parquet or CSV file, or a folder written by `openpes synth`."),
    ],
    target: Annotated[
        str, typer.Option("--target", help="0/1 column: 1 = not back in work within 12 months.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to save the model in.")],
    features: Annotated[
        list[str] | None,
        typer.Option("--features", help="Feature columns (repeat or comma-separate)."),
    ] = None,
    protected: Annotated[
        list[str] | None,
        typer.Option("--protected", help="Protected attributes: audited, never features."),
    ] = None,
    time_column: Annotated[
        str | None,
        typer.Option("--time-column", help="Split by this date: latest rows are the test set."),
    ] = None,
    model: Annotated[
        _Model,
        typer.Option(
            "--model", help="ebm (default), scorecard, or lightgbm (black box, comparison only)."
        ),
    ] = _Model.ebm,
    calibration: Annotated[
        _Calibration, typer.Option("--calibration", help="isotonic, platt or none.")
    ] = _Calibration.isotonic,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed.")] = 0,
    allow_protected: Annotated[
        bool,
        typer.Option(
            "--allow-protected",
            help="Allow a protected attribute as a feature (stated in the card).",
        ),
    ] = False,
    lang: Annotated[str, _LANG] = "en",
) -> None:
    """Train a support-needs model and save it with its SHA-256."""
    from rich.table import Table

    from openpes.profiling import DEMO_PROTECTED, WORLD_FEATURES, model_kind_label, save_model
    from openpes.profiling import train as train_model

    _ = _gettext(lang)
    check_writable(out, folder=True)
    frame = _read(data, training=True)
    feature_names = _split_names(features)
    protected_names = _split_names(protected)
    if _is_world(data):
        feature_names = feature_names or list(WORLD_FEATURES)
        protected_names = protected_names if protected_names is not None else list(DEMO_PROTECTED)
    steps = ("split", "fit", "calibrate", "evaluate", "compare", "proxies")
    labels = {
        "split": _("Splitting the data"),
        "fit": _("Fitting the model"),
        "calibrate": _("Calibrating"),
        "evaluate": _("Evaluating on the test part"),
        "compare": _("Fitting LightGBM for comparison"),
        "proxies": _("Analysing proxies of protected attributes"),
    }
    with step_progress() as progress:
        task = progress.add_task(_("Training"), total=len(steps))

        def on_step(name: str) -> None:
            progress.update(task, completed=steps.index(name), description=labels[name])

        fitted = train_model(
            frame,
            target=target,
            features=feature_names,
            protected=protected_names or (),
            time_column=time_column,
            model=model.value,
            calibration=calibration.value,
            seed=seed,
            allow_protected=allow_protected,
            progress=on_step,
        )
        progress.update(task, completed=len(steps), description=_("Trained"))
    sha = save_model(fitted, out)
    test = fitted.report.test
    table = Table(title=_("Model saved to {folder}").format(folder=out))
    table.add_column(_("Measure"))
    table.add_column(_("Value"), justify="right")
    table.add_row(_("Model"), model_kind_label(fitted.kind, lang))
    # Measures are written as the language writes numbers (0,708 in French), three decimals.
    number = LocalisedText("openpes.profiling", lang).number
    table.add_row("AUC", number(test.auc, 3))
    table.add_row(_("Brier score"), number(test.brier, 3))
    table.add_row("ECE", number(test.ece, 3))
    comparison = fitted.report.comparison
    if comparison is not None:
        table.add_row(_("LightGBM AUC"), number(comparison.lightgbm_auc, 3))
    from openpes.fairness import verdict_text

    table.add_row(_("Group audit verdict"), verdict_text(test.verdict, lang))
    for proxy in fitted.report.proxies:
        if proxy.warning:
            auc = number(proxy.auc, 2)
            table.add_row(_("Proxy warning"), f"{proxy.attribute} (AUC {auc})")
    table.add_row("SHA-256", sha)
    Console().print(table)


def _check_scores_out(path: Path) -> None:
    if path.suffix not in (".parquet", ".csv"):
        raise InputError(_("the output must end in .parquet or .csv"), file=str(path))
    check_writable(path)


def _write_frame(frame: pl.DataFrame, path: Path) -> None:
    """Write the scores atomically (through :mod:`openpes.files`) as Parquet or CSV."""
    _check_scores_out(path)
    with atomic_path(path) as tmp:
        if path.suffix == ".parquet":
            frame.write_parquet(tmp)
        else:
            frame.write_csv(tmp)


@app.command("score")
def score(
    model: Annotated[Path, typer.Option("--model", help="Folder of a saved model.")],
    data: Annotated[
        Path,
        typer.Option("--data", help="Parquet or CSV file, or a folder written by `openpes synth`."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Output file (.parquet or .csv).")],
    lang: Annotated[str, _LANG] = "en",
) -> None:
    """Score people: probability, its interval, raw score and band."""
    import polars as pl

    from openpes.profiling import load_model

    _ = _gettext(lang)
    _check_scores_out(out)
    fitted = load_model(model)
    frame = _read(data, training=False)
    ids = [c for c in frame.columns if c.endswith("_id")]
    if not ids:
        # Without an id column the scores are kept in the input's order, with its row number
        # (1 = the first data row), so they can be joined back.
        name = "row" if "row" not in frame.columns else "input_row"
        frame = frame.with_row_index(name, offset=1)
        ids = [name]
    parts = []
    with step_progress() as progress:
        task = progress.add_task(_("Scoring"), total=frame.height)
        for start in range(0, frame.height, _BATCH):
            chunk = frame.slice(start, _BATCH)
            raw = fitted.raw_score(chunk)
            probability = fitted.calibrator.probability(raw)
            low, high = fitted.calibrator.interval(probability)
            parts.append(
                chunk.select(ids).with_columns(
                    pl.Series("raw_score", raw),
                    pl.Series("probability", probability),
                    pl.Series("interval_low", low),
                    pl.Series("interval_high", high),
                    fitted.bands_of(probability),
                )
            )
            progress.advance(task, chunk.height)
    result = pl.concat(parts) if parts else pl.DataFrame()
    _write_frame(result, out)
    scored = translator("openpes.profiling", lang).ngettext(
        "Scored {n} person into {file}", "Scored {n} people into {file}", result.height
    )
    count = LocalisedText("openpes.profiling", lang).number(result.height, 0)
    Console().print(scored.format(n=count, file=out))


@app.command("card")
def card(
    model: Annotated[Path, typer.Option("--model", help="Folder of a saved model.")],
    format: Annotated[
        _CardFormat, typer.Option("--format", help="md, html or json.")
    ] = _CardFormat.md,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write here instead of the terminal.")
    ] = None,
    lang: Annotated[str, _LANG] = "en",
) -> None:
    """Print the model card (EU AI Act Art. 13 and Annex IV) in any of the ten languages."""
    from openpes.profiling import load_model, model_card

    _gettext(lang)
    if out is not None:
        check_writable(out)
    text = model_card(
        load_model(model),
        format=_CARD_FORMATS[format.value],  # type: ignore[arg-type]
        language=lang,  # type: ignore[arg-type]
    )
    if out is None:
        typer.echo(text, nl=False)
        return
    write_atomic(out, text)
