"""Great-circle distances, against scikit-learn's haversine."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics.pairwise import haversine_distances

from openpes.matching._geo import EARTH_RADIUS_KM, grid_cells, haversine_km

lat = st.floats(-89.0, 89.0)
lon = st.floats(-179.0, 179.0)


def test_matches_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    a = np.column_stack([rng.uniform(-80, 80, 200), rng.uniform(-170, 170, 200)])
    b = np.column_stack([rng.uniform(-80, 80, 200), rng.uniform(-170, 170, 200)])
    ours = haversine_km(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    peer = np.array(
        [
            haversine_distances(np.radians([p]), np.radians([q]))[0, 0]
            for p, q in zip(a, b, strict=True)
        ]
    )
    np.testing.assert_allclose(ours, peer * EARTH_RADIUS_KM, rtol=1e-9)


@given(lat, lon, lat, lon)
def test_symmetric_and_non_negative(a: float, b: float, c: float, d: float) -> None:
    x = haversine_km(np.array([a]), np.array([b]), np.array([c]), np.array([d]))[0]
    y = haversine_km(np.array([c]), np.array([d]), np.array([a]), np.array([b]))[0]
    assert x >= 0 and abs(x - y) < 1e-6


def test_grid_cells_are_cell_sized() -> None:
    # 0.5 degrees of latitude is about 55 km: two points that far apart are a cell apart.
    cx, cy = grid_cells(
        np.array([50.0, 50.5]), np.array([8.0, 8.0]), reference_lat=50.0, cell_km=50.0
    )
    assert cx[0] == cx[1] and cy[1] - cy[0] == 1
