"""The regions of the fictional country.

Sixteen regions with invented names, placed in a box of about 600 km by 600 km
(latitude 47.0-52.4 N, longitude 6.0-14.4 E). Their unemployment rates span 3-15 %, as
NUTS-2 regional rates do across the EU (Eurostat ``lfst_r_lfu3rt``), and their wage
levels fall as unemployment rises, as regional wage curves do.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polars as pl

__all__ = ["BOX", "regions"]

#: (south, north, west, east) edges of the country, in degrees.
BOX: tuple[float, float, float, float] = (47.0, 52.4, 6.0, 14.4)

# name, latitude, longitude, share of the labour force, unemployment rate, wage level
_REGIONS: tuple[tuple[str, float, float, float, float, float], ...] = (
    ("Capital Region", 50.10, 10.30, 0.140, 0.058, 1.18),
    ("Northmere Coast", 52.05, 8.40, 0.060, 0.092, 0.97),
    ("Saltmarsh Bay", 51.90, 11.90, 0.045, 0.118, 0.92),
    ("Kestrel Peninsula", 52.20, 13.80, 0.030, 0.142, 0.86),
    ("Westhaven", 50.90, 6.50, 0.085, 0.071, 1.05),
    ("Ambervale", 51.20, 9.20, 0.070, 0.064, 1.02),
    ("Ironridge", 50.70, 12.90, 0.065, 0.128, 0.90),
    ("Lowbrook Plains", 49.60, 7.40, 0.075, 0.052, 1.06),
    ("Marrowdale", 49.40, 12.20, 0.050, 0.087, 0.95),
    ("Greenholm", 49.90, 8.60, 0.080, 0.039, 1.10),
    ("Stonebridge", 48.70, 9.70, 0.070, 0.034, 1.12),
    ("Southmoor", 47.40, 8.10, 0.050, 0.031, 1.08),
    ("Highfell", 47.50, 11.60, 0.040, 0.045, 1.00),
    ("Fernley Uplands", 48.30, 13.70, 0.035, 0.098, 0.91),
    ("Ravenshire", 48.60, 6.40, 0.045, 0.076, 0.99),
    ("Eastmere Lakes", 51.30, 14.10, 0.060, 0.109, 0.93),
)


@lru_cache(maxsize=1)
def regions() -> pl.DataFrame:
    """The region table: name, centre, labour-force share, unemployment rate, wage level.

    Examples
    --------
    >>> regions().height
    16
    """
    names, lat, lon, share, rate, wage = zip(*_REGIONS, strict=True)
    share_array = np.asarray(share, dtype=np.float64)
    return pl.DataFrame(
        {
            "region": list(names),
            "lat": list(lat),
            "lon": list(lon),
            "labour_force_share": (share_array / share_array.sum()).tolist(),
            "unemployment_rate": list(rate),
            "wage_level": list(wage),
        },
        schema={
            "region": pl.String,
            "lat": pl.Float64,
            "lon": pl.Float64,
            "labour_force_share": pl.Float64,
            "unemployment_rate": pl.Float64,
            "wage_level": pl.Float64,
        },
    )
