"""``openpes audit``: a fairness audit of decisions in a CSV or Parquet file."""

from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import Any, Literal

import typer
from rich.console import Console

from openpes.files import write_atomic

_FORMATS = ("json", "html", "markdown", "csv")
_POLICY = typer.Option(None, "--policy", help="TOML policy file.")
_OUTPUT = typer.Option(None, "--output", help="Write here (atomically) instead of standard output.")


def _read(path: str, engine: str) -> Any:
    """Scan a CSV or Parquet file (or a glob of them) lazily, or read it with Spark."""
    from openpes.errors import InputError

    matches = sorted(glob.glob(path))
    if not matches:
        raise InputError("no file matches this path", file=path)
    suffixes = {Path(m).suffix.lower() for m in matches}
    if not suffixes <= {".csv", ".parquet", ".pq"} or (".csv" in suffixes and len(suffixes) > 1):
        raise InputError("expected CSV or Parquet files (.csv, .parquet), not a mix", file=path)
    is_csv = suffixes == {".csv"}
    if engine == "spark":
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("openpes-audit").getOrCreate()
        reader = spark.read.option("header", True).option("inferSchema", True)
        return reader.csv(matches) if is_csv else spark.read.parquet(*matches)
    import polars as pl

    try:
        return pl.scan_csv(matches) if is_csv else pl.scan_parquet(matches)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(f"cannot read the data: {exc}", file=path) from None


def _reference(values: list[str]) -> Any:
    from openpes.errors import InputError

    if not values:
        return "largest"
    if len(values) == 1 and values[0] in ("largest", "best", "overall"):
        return values[0]
    mapping = {}
    for item in values:
        attr, sep, value = item.partition("=")
        if not sep or not attr:
            raise InputError(
                f"--reference expects ATTR=VALUE, or largest, best or overall; got {item!r}"
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
        1, "--intersections", min=1, help="Add combinations of up to N attributes."
    ),
    reference: list[str] = typer.Option(  # noqa: B008 - Typer declares options this way
        [], "--reference", help="largest (default), best, overall, or ATTR=VALUE (repeatable)."
    ),
    policy: Path | None = _POLICY,
    min_group_size: int | None = typer.Option(
        None, "--min-group-size", min=1, help="Suppress groups smaller than this (default 10)."
    ),
    output_format: str = typer.Option(
        "json", "--format", help="Output format: json, html, markdown or csv."
    ),
    output: Path | None = _OUTPUT,
    engine: str = typer.Option("polars", "--engine", help="polars or spark."),
    language: str = typer.Option("en", "--language", help="Report language: en, fr, de, nl, es."),
) -> None:
    """Audit decisions for disparities between groups.

    Exit code 0: the audit ran and no comparison failed the policy; 1: at least one
    failed; 2: bad input.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from openpes.errors import InputError
    from openpes.fairness import audit as run_audit
    from openpes.fairness import load_policy
    from openpes.i18n import LANGUAGES, translator

    if output_format not in _FORMATS:
        raise InputError(f"--format must be one of {', '.join(_FORMATS)}, got {output_format!r}")
    if engine not in ("polars", "spark"):
        raise InputError(f"--engine must be polars or spark, got {engine!r}")
    if language not in LANGUAGES:
        raise InputError(f"--language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _ = translator("openpes.fairness", language).gettext
    console = Console(stderr=True)
    chosen_engine: Literal["polars", "spark"] = "spark" if engine == "spark" else "polars"
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        progress.add_task(_("Auditing the decisions…"), total=None)
        result = run_audit(
            _read(input, engine),
            label=label,
            prediction=prediction,
            score=score,
            weight=weight,
            sensitive=[c.strip() for c in sensitive.split(",") if c.strip()],
            intersections=intersections,
            reference=_reference(reference),
            policy=load_policy(policy) if policy else None,
            min_group_size=min_group_size,
            engine=chosen_engine,
        )
    renderers = {
        "json": lambda: result.to_json() + "\n",
        "html": lambda: result.to_html(language=language),
        "markdown": lambda: result.to_markdown(language=language),
        "csv": result.to_csv,
    }
    text = renderers[output_format]()
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
        console.print(_("Report written to {path}").format(path=output), highlight=False)
    console.print(_("Verdict: {verdict}").format(verdict=result.verdict), highlight=False)
    if result.verdict == "fail":
        raise typer.Exit(code=1)
