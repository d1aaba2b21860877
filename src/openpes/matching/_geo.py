"""Great-circle distances and the grid that finds the vacancies within reach."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["EARTH_RADIUS_KM", "grid_cells", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088
# Degrees of latitude are ~110.57 km everywhere; degrees of longitude shrink with cos(latitude).
_KM_PER_DEGREE_LAT = 110.57
_KM_PER_DEGREE_LON_EQUATOR = 111.32

Floats = npt.NDArray[np.float64]


def haversine_km(lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats) -> Floats:
    """Great-circle distance in kilometres between points given in degrees.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(haversine_km(np.array([52.52]), np.array([13.405]),
    ...                          np.array([48.137]), np.array([11.575]))[0]))
    504
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def grid_cells(
    lat: Floats, lon: Floats, *, reference_lat: float, cell_km: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Grid cell (column, row) of each point on an equirectangular grid of ``cell_km`` cells.

    The projection is exact along the reference latitude only; callers widen their search
    radius to cover the distortion over a national territory.
    """
    x = lon * _KM_PER_DEGREE_LON_EQUATOR * np.cos(np.radians(reference_lat))
    y = lat * _KM_PER_DEGREE_LAT
    return np.floor(x / cell_km).astype(np.int64), np.floor(y / cell_km).astype(np.int64)
