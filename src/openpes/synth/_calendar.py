"""The world's calendar: day numbers relative to the first registration day."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

__all__ = ["EPOCH", "HORIZON_DAYS", "dates", "epoch_offset"]

#: Day 0 of the world: job seekers register from here on, for one year.
EPOCH = date(2024, 1, 1)
#: Outcomes are followed for 24 months after registration and censored after that.
HORIZON_DAYS = 730


def epoch_offset() -> int:
    """Days from 1970-01-01 to :data:`EPOCH`."""
    return (EPOCH - date(1970, 1, 1)).days


def dates(name: str, days: np.ndarray) -> pl.Series:
    """A ``Date`` series from day numbers counted from :data:`EPOCH`."""
    return pl.Series(name, days.astype(np.int32) + epoch_offset(), dtype=pl.Int32).cast(pl.Date)
