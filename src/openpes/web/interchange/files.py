"""Reading and writing record files: CSV, Parquet or JSON Lines, told apart by the suffix."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.files import atomic_path

SUFFIXES = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def read_records(path: Path) -> pl.DataFrame:
    """The file's rows; CSV cells are read as text so that validation sees them as written."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(_("expected a .csv, .parquet or .jsonl file"), file=str(path))
    if not path.is_file():
        raise InputError(_("this file does not exist"), file=str(path))
    try:
        if kind == "csv":
            return pl.read_csv(path, infer_schema=False)
        if kind == "parquet":
            return pl.read_parquet(path)
        return pl.read_ndjson(path, infer_schema_length=None)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(
            _("cannot read this file: %(error)s") % {"error": exc}, file=str(path)
        ) from None


def write_records(frame: pl.DataFrame, path: Path) -> None:
    """Write atomically; CSV has no lists, so list columns become '|'-separated text."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind not in ("csv", "parquet"):
        raise InputError(_("expected an output file ending in .parquet or .csv"), file=str(path))
    with atomic_path(path) as tmp:
        if kind == "parquet":
            frame.write_parquet(tmp)
        else:
            lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
            frame.with_columns(
                pl.col(n).cast(pl.List(pl.String)).list.join("|") for n in lists
            ).write_csv(tmp)
