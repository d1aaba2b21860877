"""The demand bundle, and the build script that makes it, on a hand-made ESCO folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl
import pytest

from openpes.synth import load_demand

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "build_demand_bundle.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_demand_bundle", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundle_covers_esco_with_consistent_counts():
    demand = load_demand()
    assert demand.height == 3039
    assert demand["occupation_uri"].is_unique().all()
    total = demand["job_offers_uk"] + demand["job_offers_de"] + demand["job_offers_es"]
    assert (demand["job_offers"] == total).all()
    assert demand["salary_eur"].is_between(15_000, 150_000).all()
    assert set(demand["salary_basis"].unique()) <= {"de", "uk", "es", "isco3", "isco2", "isco1"}
    # About a third of ESCO occupations carry offers; every one of them has a salary.
    assert 900 < int((demand["job_offers"] > 0).sum()) < 1200


def test_build_script_picks_salaries_in_order(tmp_path):
    uri = "http://data.europa.eu/esco/occupation/"
    rows = [
        # DE present: DE midpoint.
        (f"{uri}a", 10, 5, 1, 40000.0, 50000.0, 30000.0, 40000.0, 20000.0, 24000.0),
        # No DE: UK midpoint in EUR, scaled by the DE/UK ratio of occupation a.
        (f"{uri}b", 3, 0, 0, 30000.0, 34000.0, None, None, None, None),
        # Only an implausible ES figure and nothing else: the ISCO group's median.
        (f"{uri}c", 0, 0, 1, None, None, None, None, 200.0, 300.0),
    ]
    columns = [
        "occupationUri",
        "total_job_offers_uk",
        "total_job_offers_de",
        "total_job_offers_es",
        "median_min_salary_uk",
        "median_max_salary_uk",
        "median_min_salary_de",
        "median_max_salary_de",
        "median_min_salary_es",
        "median_max_salary_es",
    ]
    pl.DataFrame(rows, schema=columns, orient="row").write_csv(
        tmp_path / "job_offers_by_occupation.csv"
    )
    pl.DataFrame(
        {"conceptUri": [f"{uri}a", f"{uri}b", f"{uri}c"], "iscoGroup": ["2511", "2512", "2511"]}
    ).write_csv(tmp_path / "occupations_en.csv")
    script = _script()
    table = script.build(tmp_path).sort("occupation_uri")
    ratio_uk = 35000.0 / (45000.0 * script.EUR_PER_GBP)
    assert table["job_offers"].to_list() == [16, 3, 1]
    assert table["salary_basis"].to_list() == ["de", "uk", "isco3"]
    assert table["salary_eur"][0] == 35000.0
    assert table["salary_eur"][1] == pytest.approx(
        round(32000.0 * script.EUR_PER_GBP * ratio_uk), abs=1
    )
    # c falls back to the median of ISCO group 251, i.e. of a and b.
    salary_b = 32000.0 * script.EUR_PER_GBP * ratio_uk
    assert table["salary_eur"][2] == pytest.approx(round((35000.0 + salary_b) / 2), abs=1)
