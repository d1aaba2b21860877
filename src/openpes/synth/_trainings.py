"""Training offers that teach the essential skills of demanded occupations."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from openpes.synth._calendar import dates
from openpes.synth._catalogue import Catalogue
from openpes.synth._regions import BOX
from openpes.synth._sampling import (
    expand_csr,
    identifiers,
    jitter_coordinates,
    labels,
    list_column,
    offsets_of,
    sorted_unique,
    weighted_choice,
)

__all__ = ["MODES", "TRAINING_PARAMETERS", "draw_trainings"]

MODES: tuple[str, ...] = ("in_person", "online", "blended")

TRAINING_PARAMETERS: dict[str, Any] = {
    # Skills taught: this many (uniform) of the target occupation's essential skills.
    "skills_taught_range": [3, 8],
    "mode_shares": [0.5, 0.3, 0.2],
    # Duration in weeks (uniform) by mode: in person, online, blended.
    "duration_weeks_range": {"in_person": [4, 26], "online": [2, 12], "blended": [3, 20]},
    "sessions_range": [1, 4],
    "capacity_range": {"in_person": [8, 24], "online": [20, 60], "blended": [10, 30]},
    # Sessions start within the registration year and the following one.
    "start_window_days": 731,
    "location_sd_km": 10.0,
}


def _uniform_int(rng: np.random.Generator, ranges: np.ndarray) -> np.ndarray:
    """One integer per row, uniform in the inclusive ``[low, high]`` of each row."""
    return ranges[:, 0] + np.floor(rng.random(len(ranges)) * (ranges[:, 1] - ranges[:, 0] + 1))


def draw_trainings(
    rng: np.random.Generator, n: int, catalogue: Catalogue, regions: pl.DataFrame
) -> pl.DataFrame:
    """Draw ``n`` training offers aimed at occupations in demand."""
    p = TRAINING_PARAMETERS
    has_skills = (catalogue.job_offers > 0) & (catalogue.essential_count > 0)
    occupation = weighted_choice(rng, np.where(has_skills, catalogue.job_offers, 0.0), n)
    row, skill = expand_csr(occupation, catalogue.essential_offsets, catalogue.essential_skills)
    low, high = p["skills_taught_range"]
    wanted = rng.integers(low, high + 1, n)
    # A random rank within each training picks `wanted` skills without replacement.
    order = np.lexsort((rng.random(len(row)), row))
    row, skill = row[order], skill[order]
    counts = np.bincount(row, minlength=n)
    rank = np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)
    keep = rank < wanted[row]
    row, skill = row[keep], skill[keep]
    # Skills in ascending index order within a training, for stable output.
    order = np.lexsort((skill, row))
    row, skill = row[order], skill[order]

    mode = weighted_choice(rng, np.asarray(p["mode_shares"]), n)
    duration = _uniform_int(rng, np.asarray([p["duration_weeks_range"][m] for m in MODES])[mode])
    capacity = _uniform_int(rng, np.asarray([p["capacity_range"][m] for m in MODES])[mode])
    region = weighted_choice(rng, regions["labour_force_share"].to_numpy(), n)
    lat, lon = jitter_coordinates(
        rng,
        regions["lat"].to_numpy()[region],
        regions["lon"].to_numpy()[region],
        sd_km=p["location_sd_km"],
        box=BOX,
    )
    s_low, s_high = p["sessions_range"]
    sessions = rng.integers(s_low, s_high + 1, n)
    start_owner = np.repeat(np.arange(n, dtype=np.int64), sessions)
    start_day = rng.integers(0, p["start_window_days"], len(start_owner))
    keys = sorted_unique(start_owner * p["start_window_days"] + start_day)
    start_owner, start_day = keys // p["start_window_days"], keys % p["start_window_days"]
    # Titles are data in the taxonomy's language (English), like the ESCO labels they use.
    title = "Core skills: " + catalogue.occupation_label.gather(occupation)
    return pl.DataFrame(
        [
            identifiers("training_id", "TRN-", n, width=5),
            pl.Series("title", title, dtype=pl.String),
            catalogue.occupation_uri.gather(occupation).alias("occupation_uri"),
            list_column("skills_taught", offsets_of(row, n), catalogue.skill_uri.gather(skill)),
            pl.Series("duration_weeks", duration.astype(np.int32)),
            labels("mode", MODES, mode),
            regions["region"].gather(region),
            pl.Series("lat", lat),
            pl.Series("lon", lon),
            list_column("start_dates", offsets_of(start_owner, n), dates("start", start_day)),
            pl.Series("capacity", capacity.astype(np.int32)),
        ]
    )
