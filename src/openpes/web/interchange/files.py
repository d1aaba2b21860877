"""Reading and writing record files: CSV, Parquet or JSON Lines, told apart by the suffix."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.files import atomic_path, decode_text

# A header in one column holding one of these was written with another separator.
_OTHER_SEPARATORS = (";", "\t", "|")
# How Polars names the second and later columns of a header that repeats a name.
_DUPLICATED = re.compile(r"_duplicated_\d+$")

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
            return _read_csv(path)
        if kind == "parquet":
            return pl.read_parquet(path)
        return pl.read_ndjson(path, infer_schema_length=None)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise InputError(
            _("cannot read this file: %(error)s") % {"error": exc}, file=str(path)
        ) from None


def _read_csv(path: Path) -> pl.DataFrame:
    """Read a CSV; what Polars cannot read is explained by file and row (:func:`_unreadable`)."""
    source: Path | io.StringIO = path
    try:
        frame = pl.read_csv(path, infer_schema=False)
    except pl.exceptions.PolarsError as exc:
        source = io.StringIO(_unreadable(path, exc))
        frame = pl.read_csv(source, infer_schema=False)
    if any(_DUPLICATED.search(name) for name in frame.columns):
        # Polars renames a repeated column (region_duplicated_0) and the import would drop
        # it unnoticed; which value was meant cannot be told, so the file is refused.
        if isinstance(source, io.StringIO):
            source.seek(0)
        header = pl.read_csv(source, has_header=False, n_rows=1, infer_schema=False).row(0)
        twice = next((name for name in header if header.count(name) > 1), None)
        if twice is not None:
            raise InputError(
                _("the column %(name)s appears more than once in the header: keep one")
                % {"name": repr(twice)},
                file=str(path),
            )
    if frame.width == 1:
        header = frame.columns[0]
        other = next((sep for sep in _OTHER_SEPARATORS if sep in header), None)
        if other is not None:
            raise InputError(
                _(
                    "the columns must be separated by commas, but this file's header is "
                    "separated by %(separator)s: save it as CSV with commas"
                )
                % {"separator": repr(other)},
                file=str(path),
            )
    return frame


def _unreadable(path: Path, error: Exception) -> str:
    """The text of a CSV Polars could not read, when it is UTF-16 with a byte order mark;
    otherwise the reason, with the row (1 = first record) where there is one."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(
            _("the file is empty: a header row and data rows were expected"), file=str(path)
        )
    try:
        text = decode_text(data, file=str(path))
    except InputError as exc:
        # decode_text counts lines; an import counts records, the header not included.
        line = exc.row or 1
        raise InputError(exc.reason, file=str(path), row=line - 1 if line > 1 else None) from None
    rows = csv.reader(io.StringIO(text))
    columns = len(next(rows, []))
    for number, cells in enumerate(rows, start=1):
        if len(cells) > columns:
            raise InputError(
                _(
                    "this row has more cells than the header has columns (cells: %(cells)s; "
                    "columns: %(columns)s): check its commas and quotes"
                )
                % {"cells": len(cells), "columns": columns},
                file=str(path),
                row=number,
            )
    if text.encode() == data:
        raise InputError(_("cannot read this file: %(error)s") % {"error": error}, file=str(path))
    return text


def write_records(frame: pl.DataFrame, path: Path) -> None:
    """Write atomically; CSV has no lists, so list columns become '|'-separated text.

    The file holds people's records, so only its owner may read it (0600).
    """
    kind = SUFFIXES.get(path.suffix.lower())
    if kind not in ("csv", "parquet"):
        raise InputError(_("expected an output file ending in .parquet or .csv"), file=str(path))
    with atomic_path(path, private=True) as tmp:
        if kind == "parquet":
            frame.write_parquet(tmp)
        else:
            lists = [n for n, t in frame.schema.items() if isinstance(t, pl.List)]
            frame.with_columns(
                pl.col(n).cast(pl.List(pl.String)).list.join("|") for n in lists
            ).write_csv(tmp)
