"""``openpes audit``: a fairness audit of decisions in a CSV or Parquet file."""

from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import Any, Literal

import typer
from rich.console import Console

from openpes.errors import InputError
from openpes.files import check_writable, write_atomic
from openpes.i18n import messages

# Errors are Messages: the CLI's main() shows them in the user's --language.
_ = messages("openpes.fairness")

_FORMATS = ("json", "html", "markdown", "csv")
_POLICY = typer.Option(None, "--policy", help="TOML policy file.")
_OUTPUT = typer.Option(None, "--output", help="Write here (atomically) instead of standard output.")


def _read(path: str, engine: str) -> Any:
    """Scan a CSV or Parquet file (or a glob of them) lazily, or read it with Spark."""
    # A file that exists is read as named: "[red]x.csv" is a name, not a character class.
    matches = [path] if Path(path).exists() else sorted(glob.glob(path))
    if not matches:
        raise InputError(_("no file matches this path"), file=path)
    folders = [m for m in matches if Path(m).is_dir()]
    if folders:
        raise InputError(_("this is a folder; a CSV or Parquet file was expected"), file=folders[0])
    suffixes = {Path(m).suffix.lower() for m in matches}
    if not suffixes <= {".csv", ".parquet", ".pq"} or (".csv" in suffixes and len(suffixes) > 1):
        raise InputError(_("expected CSV or Parquet files (.csv, .parquet), not a mix"), file=path)
    is_csv = suffixes == {".csv"}
    if is_csv:
        for match in matches:
            _check_csv_start(match)
    if engine == "spark":
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("openpes-audit").getOrCreate()
        reader = spark.read.option("header", True).option("inferSchema", True)
        return reader.csv(matches) if is_csv else spark.read.parquet(*matches)
    import polars as pl

    try:
        # glob=False: the paths are already expanded, and "[red]x.csv" is a literal name.
        if is_csv:
            return pl.scan_csv(matches, glob=False)
        return pl.scan_parquet(matches, glob=False)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(
            _("cannot read the data: {error}").format(error=str(exc)), file=path
        ) from None


def _check_csv_start(path: str) -> None:
    """Refuse, before the lazy scan, what Polars cannot read as CSV: no header, UTF-16/32."""
    with open(path, "rb") as handle:
        start = handle.read(4)
    if not start.strip():
        raise InputError(
            _("the file is empty: a header row and data rows were expected"), file=path
        )
    if start.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise InputError(_("this CSV file is UTF-16 or UTF-32: save it as UTF-8"), file=path)


def _is_polars_error(exc: Exception) -> bool:
    import polars as pl

    return isinstance(exc, pl.exceptions.PolarsError)


def _unreadable(exc: Exception, path: str) -> InputError:
    text = str(exc)
    if "utf-8" in text.lower() or "utf8" in text.lower():
        return InputError(
            _("this file is not UTF-8 text (latin-1 or Windows-1252?): save it as UTF-8"),
            file=path,
        )
    return InputError(_("cannot read the data: {error}").format(error=text.strip()), file=path)


def _reference(values: list[str]) -> Any:
    if not values:
        return "largest"
    if len(values) == 1 and values[0] in ("largest", "best", "overall"):
        return values[0]
    mapping = {}
    for item in values:
        attr, sep, value = item.partition("=")
        if not sep or not attr:
            raise InputError(
                _(
                    "--reference expects ATTR=VALUE, or largest, best or overall; got {value}"
                ).format(value=repr(item))
            )
        mapping[attr.strip()] = value.strip()
    return mapping


def audit(
    input: str = typer.Argument(
        ..., help="CSV or Parquet file, or a glob such as 'exports/*.parquet'."
    ),
    label: str = typer.Option(..., "--label", help="0/1 column: the real outcome."),
    prediction: str = typer.Option(..., "--prediction", help="0/1 column: the decision audited."),
    sensitive: str = typer.Option(
        ..., "--sensitive", help="Protected-attribute columns, comma-separated."
    ),
    score: str | None = typer.Option(None, "--score", help="Optional probability column."),
    weight: str | None = typer.Option(None, "--weight", help="Optional weight column."),
    intersections: int = typer.Option(
        1, "--intersections", help="Add combinations of up to N attributes."
    ),
    reference: list[str] = typer.Option(  # noqa: B008 - Typer declares options this way
        [], "--reference", help="largest (default), best, overall, or ATTR=VALUE (repeatable)."
    ),
    policy: Path | None = _POLICY,
    min_group_size: int | None = typer.Option(
        None, "--min-group-size", help="Suppress groups smaller than this (default 10)."
    ),
    output_format: str = typer.Option(
        "json", "--format", help="Output format: json, html, markdown or csv."
    ),
    output: Path | None = _OUTPUT,
    engine: str = typer.Option("polars", "--engine", help="polars or spark."),
    language: str = typer.Option(
        "en", "--language", help="Report language: en, fr, de, nl, es, fi, lv, tr, ko, ms."
    ),
) -> None:
    """Audit decisions for disparities between groups.

    Exit code 0: the audit ran and no comparison failed the policy; 1: at least one
    failed; 2: bad input.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from openpes import fairness
    from openpes.i18n import LANGUAGES, translator

    if output_format not in _FORMATS:
        raise InputError(
            _("--format must be one of {choices}, got {value}").format(
                choices=", ".join(_FORMATS), value=repr(output_format)
            )
        )
    if engine not in ("polars", "spark"):
        raise InputError(
            _("--engine must be polars or spark, got {value}").format(value=repr(engine))
        )
    if language not in LANGUAGES:
        raise InputError(
            _("--language must be one of {choices}, got {value}").format(
                choices=", ".join(LANGUAGES), value=repr(language)
            )
        )
    if output is not None:
        check_writable(output)
    gettext = translator("openpes.fairness", language).gettext
    console = Console(stderr=True)
    chosen_engine: Literal["polars", "spark"] = "spark" if engine == "spark" else "polars"
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        progress.add_task(gettext("Auditing the decisions…"), total=None)
        data = _read(input, engine)
        try:
            result = fairness.audit(
                data,
                label=label,
                prediction=prediction,
                score=score,
                weight=weight,
                sensitive=[c.strip() for c in sensitive.split(",") if c.strip()],
                intersections=intersections,
                reference=_reference(reference),
                policy=fairness.load_policy(policy) if policy else None,
                min_group_size=min_group_size,
                engine=chosen_engine,
            )
        except OSError as exc:
            raise InputError(
                _("cannot read the data: {error}").format(error=str(exc)), file=input
            ) from None
        except Exception as exc:
            # The scan is lazy: a file Polars cannot parse fails here, inside the audit.
            if not _is_polars_error(exc):
                raise
            raise _unreadable(exc, input) from None
    if output_format == "json":
        text = fairness.to_json(result) + "\n"
    elif output_format == "html":
        text = fairness.to_html(result, language=language)
    elif output_format == "markdown":
        text = fairness.to_markdown(result, language=language)
    else:
        text = fairness.to_csv(result)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
        console.print(gettext("Report written to {path}").format(path=output), highlight=False)
    verdict = fairness.verdict_text(result.verdict, language)
    console.print(gettext("Verdict: {verdict}").format(verdict=verdict), highlight=False)
    if result.verdict == "fail":
        raise typer.Exit(code=1)
