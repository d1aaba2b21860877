"""The generated world and its on-disk form (Parquet plus a JSON ground truth)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from openpes.errors import InputError
from openpes.files import atomic_path, write_atomic
from openpes.i18n import translator

__all__ = ["FRAMES", "World"]

_ = translator("openpes.synth").gettext

#: The frames of a world, in the order they are written.
FRAMES: tuple[str, ...] = ("jobseekers", "protected", "vacancies", "trainings", "outcomes")
GROUND_TRUTH_FILE = "ground_truth.json"
# Fixed writer settings: the same frames always give the same bytes.
_PARQUET_SETTINGS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "statistics": True,
    "row_group_size": 131_072,
    "data_page_size": 1 << 20,
}


def _dictionary_encoded(frame: pl.DataFrame) -> pl.DataFrame:
    """Store list-of-string columns as ``List(Enum)``, so Parquet dictionary-encodes them.

    Skill URIs repeat millions of times; as plain strings the file is ten times larger
    and slower to write. The categories are the column's own sorted values, so the bytes
    do not depend on anything but the data.
    """
    casts = {}
    for name, dtype in frame.schema.items():
        if dtype == pl.List(pl.String):
            categories = frame[name].explode().drop_nulls().unique().sort()
            casts[name] = pl.col(name).cast(pl.List(pl.Enum(categories)))
    return frame.with_columns(**casts) if casts else frame


def _plain_strings(frame: pl.DataFrame) -> pl.DataFrame:
    """Undo :func:`_dictionary_encoded`: categorical columns come back as strings."""
    casts = {}
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Enum | pl.Categorical):
            casts[name] = pl.col(name).cast(pl.String)
        elif isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Enum | pl.Categorical):
            casts[name] = pl.col(name).cast(pl.List(pl.String))
    return frame.with_columns(**casts) if casts else frame


def _atomic_write(path: Path, content: pl.DataFrame | str) -> None:
    """Write a frame (as Parquet) or a text to ``path`` through a temporary file."""
    if isinstance(content, str):
        write_atomic(path, content)
        return
    with atomic_path(path) as tmp:
        content.write_parquet(tmp, **_PARQUET_SETTINGS)


@dataclass(frozen=True, eq=False)
class World:
    """A synthetic PES population and everything that was used to make it.

    Attributes
    ----------
    jobseekers, protected, vacancies, trainings, outcomes:
        Polars frames; ``docs/synthetic-world.md`` lists every column and dtype.
    ground_truth:
        Every parameter used: seed, sizes, bias settings, model coefficients, regions.
    """

    jobseekers: pl.DataFrame
    protected: pl.DataFrame
    vacancies: pl.DataFrame
    trainings: pl.DataFrame
    outcomes: pl.DataFrame
    ground_truth: dict[str, Any]

    def frames(self) -> dict[str, pl.DataFrame]:
        """The five frames by name."""
        return {name: getattr(self, name) for name in FRAMES}

    def write_parquet(
        self, directory: str | os.PathLike[str], *, on_file: Callable[[str], None] | None = None
    ) -> list[Path]:
        """Write the frames as Parquet and the ground truth as JSON into ``directory``.

        Each file is written atomically (a temporary file, then a rename), with fixed
        writer settings so that the same world always gives byte-identical files.

        Parameters
        ----------
        directory:
            Folder to write into; created if missing.
        on_file:
            Called with each file name once it is written (for progress bars).

        Returns
        -------
        list of Path
            The files written.

        Examples
        --------
        >>> import tempfile
        >>> from openpes.synth import generate_world
        >>> world = generate_world(50, 20, 5, seed=1)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     [p.name for p in world.write_parquet(folder)][-1]
        'ground_truth.json'
        """
        folder = Path(directory)
        if folder.exists() and not folder.is_dir():
            raise InputError(_("a folder was expected, not a file"), file=str(folder))
        folder.mkdir(parents=True, exist_ok=True)
        contents: list[tuple[str, pl.DataFrame | str]] = [
            (f"{name}.parquet", _dictionary_encoded(frame)) for name, frame in self.frames().items()
        ]
        truth = json.dumps(self.ground_truth, indent=2, sort_keys=True, ensure_ascii=False)
        contents.append((GROUND_TRUTH_FILE, truth + "\n"))
        written = []
        for file_name, content in contents:
            path = folder / file_name
            _atomic_write(path, content)
            written.append(path)
            if on_file is not None:
                on_file(file_name)
        return written

    @classmethod
    def read_parquet(cls, directory: str | os.PathLike[str]) -> World:
        """Read a world written by :meth:`write_parquet`.

        Examples
        --------
        >>> import tempfile
        >>> from openpes.synth import generate_world
        >>> world = generate_world(50, 20, 5, seed=1)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = world.write_parquet(folder)
        ...     World.read_parquet(folder).jobseekers.equals(world.jobseekers)
        True
        """
        folder = Path(directory)
        frames = {}
        for name in FRAMES:
            path = folder / f"{name}.parquet"
            if not path.is_file():
                raise InputError(_("this file of a synthetic world is missing"), file=str(path))
            frames[name] = _plain_strings(pl.read_parquet(path))
        path = folder / GROUND_TRUTH_FILE
        if not path.is_file():
            raise InputError(_("this file of a synthetic world is missing"), file=str(path))
        try:
            ground_truth = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise InputError(
                _("valid JSON was expected: {reason}").format(reason=error.msg),
                file=str(path),
                row=error.lineno,
            ) from None
        return cls(**frames, ground_truth=ground_truth)
