from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from openpes.errors import InputError
from openpes.profiling import BANDS, WORLD_FEATURES, SupportNeedsModel, model_card, train

from .conftest import FAST_EBM


def test_protected_attributes_are_never_features(models: dict[str, SupportNeedsModel]) -> None:
    for model in models.values():
        assert not set(model.features) & set(model.protected)
        assert model.allow_protected is False


def test_a_protected_feature_is_refused_unless_allowed(world_frame: pl.DataFrame) -> None:
    with pytest.raises(InputError, match="origin"):
        train(
            world_frame,
            target="not_employed_12m",
            features=["isced", "origin"],
            protected=["origin"],
        )
    model = train(
        world_frame,
        target="not_employed_12m",
        features=["isced", "origin"],
        protected=["origin"],
        allow_protected=True,
        model="scorecard",
        compare=False,
    )
    assert model.allow_protected and "origin" in model.features
    card = model_card(model, format="markdown")
    assert "Protected attributes are used as features by explicit choice: origin." in card


def test_probabilities_are_calibrated_and_monotone_in_the_raw_score(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame
) -> None:
    p = ebm.predict_proba(world_frame)
    raw = ebm.raw_score(world_frame)
    assert ((p >= 0) & (p <= 1)).all()
    order = np.argsort(raw)
    assert (np.diff(p[order]) >= -1e-12).all()
    low, high = ebm.predict_interval(world_frame)
    assert ((low <= p + 1e-12) & (p <= high + 1e-12)).all()


def test_bands_follow_the_thresholds(ebm: SupportNeedsModel, world_frame: pl.DataFrame) -> None:
    p = ebm.predict_proba(world_frame)
    bands = ebm.bands(world_frame, thresholds=(0.3, 0.5)).to_list()
    expected = ["low" if v < 0.3 else "medium" if v < 0.5 else "high" for v in p]
    assert bands == expected
    assert set(ebm.bands(world_frame).to_list()) <= set(BANDS)
    with pytest.raises(InputError):
        ebm.bands(world_frame, thresholds=(0.6, 0.4))


def test_the_split_is_temporal(ebm: SupportNeedsModel) -> None:
    split = ebm.report.split
    assert split.method == "temporal"
    periods = split.periods
    assert (
        periods["train"][1]
        <= periods["calibration"][0]
        <= periods["calibration"][1]
        <= periods["test"][0]
    )
    assert sum(split.rows.values()) == ebm.report.rows


def test_evaluate_agrees_with_scikit_learn(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame
) -> None:
    from sklearn.metrics import brier_score_loss, roc_auc_score

    result = ebm.evaluate(world_frame)
    y = world_frame["not_employed_12m"].cast(pl.Int64).to_numpy()
    p = ebm.predict_proba(world_frame)
    assert result.auc == pytest.approx(roc_auc_score(y, p))
    assert result.brier == pytest.approx(brier_score_loss(y, p))
    assert result.audit is not None
    groupings = set(result.audit.groups["grouping"].to_list())
    assert {"sex", "age_band", "origin", "disability"} <= groupings
    assert "age" not in groupings  # too many values: the age band stands in for it
    # Against the true rather than the recorded outcome.
    truth = world_frame.with_columns((~pl.col("employed_12m")).alias("not_employed_true"))
    assert ebm.evaluate(truth, label="not_employed_true").n == world_frame.height


def test_price_of_interpretability_is_reported(ebm: SupportNeedsModel) -> None:
    comparison = ebm.report.comparison
    assert comparison is not None
    assert 0.5 < comparison.lightgbm_auc < 1
    assert comparison.difference == pytest.approx(ebm.report.test.auc - comparison.lightgbm_auc)


def test_missing_values_and_categoricals_are_native() -> None:
    rng = np.random.default_rng(1)
    n = 1200
    x = rng.normal(size=n)
    frame = pl.DataFrame(
        {
            "x": np.where(rng.random(n) < 0.1, np.nan, x),
            "city": pl.Series(rng.choice(["a", "b", None], size=n).tolist(), dtype=pl.Categorical),
            "flag": rng.random(n) < 0.5,
            "y": (x + rng.normal(size=n) > 0),
        }
    )
    for kind in ("ebm", "scorecard", "lightgbm"):
        model = train(
            frame,
            target="y",
            model=kind,
            compare=False,
            settings=FAST_EBM if kind == "ebm" else None,
        )  # type: ignore[arg-type]
        assert model.features == ["x", "city", "flag"]
        assert np.isfinite(model.predict_proba(frame)).all()
        assert model.report.test.auc > 0.6


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"target": "nope"}, "nope"),
        ({"target": "not_employed_12m", "model": "forest"}, "forest"),
        ({"target": "not_employed_12m", "calibration": "magic"}, "magic"),
        ({"target": "not_employed_12m", "features": ["not_employed_12m"]}, "target"),
        (
            {
                "target": "not_employed_12m",
                "features": ["isced"],
                "actionable": {"care_duties": (True,)},
                "immutable": ["care_duties"],
            },
            "care_duties",
        ),
        ({"target": "isced"}, "0/1"),
    ],
)
def test_bad_options_raise_input_errors(
    world_frame: pl.DataFrame, options: dict, match: str
) -> None:
    with pytest.raises(InputError, match=match):
        train(world_frame.head(500), **options)


def test_a_missing_target_value_names_the_row(world_frame: pl.DataFrame) -> None:
    frame = world_frame.head(300).with_columns(
        pl.when(pl.int_range(pl.len()) == 7)
        .then(None)
        .otherwise(pl.col("not_employed_12m"))
        .alias("not_employed_12m")
    )
    with pytest.raises(InputError) as info:
        train(frame, target="not_employed_12m", features=list(WORLD_FEATURES))
    assert info.value.row == 7


def test_scoring_needs_the_features(ebm: SupportNeedsModel, world_frame: pl.DataFrame) -> None:
    with pytest.raises(InputError, match="isced"):
        ebm.predict_proba(world_frame.drop("isced"))


def test_lazy_and_pandas_frames_are_accepted(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame
) -> None:
    head = world_frame.head(20).select(ebm.features)
    expected = ebm.predict_proba(head)
    np.testing.assert_array_equal(ebm.predict_proba(head.lazy()), expected)
    np.testing.assert_allclose(ebm.predict_proba(head.to_pandas()), expected)
