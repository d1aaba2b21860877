from __future__ import annotations

import numpy as np

from openpes.synth import regions
from openpes.synth._regions import BOX


def test_regions_form_a_plausible_country():
    table = regions()
    assert 12 <= table.height <= 20
    assert table["region"].n_unique() == table.height
    south, north, west, east = BOX
    assert table["lat"].is_between(south, north).all()
    assert table["lon"].is_between(west, east).all()
    # The box is about 600 km on each side.
    assert 500 < (north - south) * 111 < 700
    assert 500 < (east - west) * 111 * np.cos(np.radians((north + south) / 2)) < 700
    assert table["unemployment_rate"].is_between(0.03, 0.15).all()
    assert abs(table["labour_force_share"].sum() - 1) < 1e-12


def test_wages_fall_as_unemployment_rises():
    table = regions()
    correlation = np.corrcoef(table["unemployment_rate"], table["wage_level"])[0, 1]
    assert correlation < -0.5
