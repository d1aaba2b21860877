"""Vectorised sampling helpers: weighted draws, CSR expansion, ragged list columns."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

__all__ = [
    "categorical",
    "expand_csr",
    "first_occurrences",
    "identifiers",
    "jitter_coordinates",
    "labels",
    "list_column",
    "offsets_of",
    "sorted_unique",
    "weighted_choice",
]


def weighted_choice(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """Draw ``size`` indices with probability proportional to ``weights``."""
    cumulative = np.cumsum(weights, dtype=np.float64)
    draws = rng.random(size) * cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, draws, side="right"), len(weights) - 1)


def categorical(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One draw per row of a ``(n, k)`` probability matrix (rows need not be normalised)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities)) * cumulative[:, -1]
    return np.minimum((cumulative <= draws[:, None]).sum(axis=1), probabilities.shape[1] - 1)


def expand_csr(
    keys: np.ndarray, offsets: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For every row ``r``, every value of ``keys[r]`` in a CSR table.

    Returns ``(row, value)`` arrays, grouped by row in input order.
    """
    starts = offsets[keys]
    counts = offsets[keys + 1] - starts
    total = int(counts.sum())
    # 32-bit positions halve the memory traffic of these, the largest arrays of a world.
    index: type[np.signedinteger[Any]] = np.int32 if total < 2**31 else np.int64
    row = np.repeat(np.arange(len(keys), dtype=index), counts)
    first_of_row = np.cumsum(counts) - counts
    shift = np.repeat((first_of_row - starts).astype(index), counts)
    position = np.arange(total, dtype=index) - shift
    return row, values[position]


def offsets_of(owner: np.ndarray, n_owners: int) -> np.ndarray:
    """CSR offsets of a sorted ``owner`` array."""
    offsets = np.zeros(n_owners + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n_owners), out=offsets[1:])
    return offsets


def list_column(name: str, offsets: np.ndarray, values: pl.Series) -> pl.Series:
    """A ``List`` column from CSR ``offsets`` and flat ``values``, without copying strings."""
    flat = values.to_arrow(compat_level=pl.CompatLevel.newest())
    array = pa.LargeListArray.from_arrays(pa.array(offsets, type=pa.int64()), flat)
    return pl.Series(name, array)


def jitter_coordinates(
    rng: np.random.Generator,
    lat: np.ndarray,
    lon: np.ndarray,
    *,
    sd_km: float,
    box: tuple[float, float, float, float],
) -> tuple[np.ndarray, np.ndarray]:
    """Scatter points around their region centre, kept inside the country's box."""
    south, north, west, east = box
    d_lat = rng.normal(0.0, sd_km / 111.0, len(lat))
    d_lon = rng.normal(0.0, 1.0, len(lon)) * sd_km / (111.0 * np.cos(np.radians(lat)))
    return (
        np.round(np.clip(lat + d_lat, south, north), 5),
        np.round(np.clip(lon + d_lon, west, east), 5),
    )


def labels(name: str, choices: tuple[str, ...], index: np.ndarray) -> pl.Series:
    """A string column from category ``index`` into ``choices``."""
    return pl.Series(name, list(choices), dtype=pl.String).gather(index.astype(np.int64))


def identifiers(name: str, prefix: str, n: int, *, width: int) -> pl.Series:
    """Pseudonymous sequential ids such as ``JS-0000001``: they carry no personal data."""
    digits = pl.Series(np.arange(1, n + 1)).cast(pl.String).str.zfill(max(width, len(str(n))))
    return (prefix + digits).alias(name)


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values; a plain sort beats ``np.unique``'s hashing on large arrays."""
    ordered = np.sort(keys)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def first_occurrences(keys: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct key, in input order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return np.sort(order[keep])
