"""The rendered model card, pinned: a fixed report (no clock, no training noise) on a model."""

from __future__ import annotations

import dataclasses

import pytest
from syrupy.assertion import SnapshotAssertion

from openpes.profiling import (
    BandGap,
    BandGroupRate,
    BandRate,
    CalibrationBin,
    Comparison,
    Disparity,
    GroupRates,
    ProxyResult,
    SplitSummary,
    SupportNeedsModel,
    TestSummary,
    TrainingReport,
    model_card,
)


def _group(group: str, n: int, base: float, selection: float, fpr: float, fnr: float) -> GroupRates:
    rates = {}
    for name, value in (
        ("base_rate", base),
        ("selection_rate", selection),
        ("fpr", fpr),
        ("fnr", fnr),
    ):
        rates |= {name: value, f"{name}_ci_low": value - 0.05, f"{name}_ci_high": value + 0.05}
    return GroupRates(
        grouping="sex" if group != "overall" else "overall", n=n, group=group, **rates
    )


REPORT = TrainingReport(
    openpes_version="0.1.0",
    created="2025-01-31T12:00:00+00:00",
    seed=7,
    rows=4000,
    base_rate=0.41,
    split=SplitSummary(
        method="temporal",
        rows={"train": 2800, "calibration": 600, "test": 600},
        periods={
            "train": ("2024-01-01", "2024-09-08"),
            "calibration": ("2024-09-08", "2024-11-03"),
            "test": ("2024-11-04", "2024-12-31"),
        },
    ),
    time_column="registered_on",
    test=TestSummary(
        n=600,
        auc=0.6812,
        brier=0.2204,
        ece=0.0311,
        calibration=(
            CalibrationBin(0.2, 0.3, 150, 0.26, 0.24),
            CalibrationBin(0.3, 0.4, 0, None, None),
            CalibrationBin(0.5, 0.6, 450, 0.55, 0.58),
        ),
        bands=(BandRate("low", 200, 0.22), BandRate("high", 400, 0.52)),
        groups=(
            _group("overall", 600, 0.41, 0.3, 0.2, 0.4),
            _group("sex=female", 290, 0.45, 0.36, 0.25, 0.35),
            _group("sex=male", 310, 0.37, 0.24, 0.15, 0.45),
        ),
        disparities=(
            Disparity("sex=female", "sex=male", "selection_rate", 0.36, 0.24, 0.12, 1.5, "fail"),
        ),
        verdict="fail",
        band_groups=(
            BandGroupRate("sex", "female", "high", 200, 0.6, 0.53, 0.67, 0.55, 0.05, -0.02, 0.12),
            BandGroupRate("sex", "male", "high", 8, 0.5, 0.2, 0.8, 0.55, -0.05, -0.35, 0.25),
        ),
        band_gaps=(BandGap("sex", "high", "female", 0.6, 0.55, 200, "male", 0.4, 0.55, 190),),
    ),
    comparison=Comparison(lightgbm_auc=0.6901, difference=-0.0089, lightgbm_rows=2800),
    proxies=(
        ProxyResult("age", 0.83, "above median", True),
        ProxyResult("sex", 0.55, "each value against the rest", False),
    ),
    importance={"isced": 0.2, "driving_licence": 0.1},
)


@pytest.fixture(scope="module")
def pinned(models: dict[str, SupportNeedsModel]) -> SupportNeedsModel:
    return dataclasses.replace(models["scorecard"], report=REPORT)


@pytest.mark.parametrize(("card_format", "language"), [("markdown", "en"), ("html", "fr")])
def test_the_rendered_card(
    pinned: SupportNeedsModel, card_format: str, language: str, snapshot: SnapshotAssertion
) -> None:
    assert model_card(pinned, format=card_format, language=language) == snapshot  # type: ignore[arg-type]
