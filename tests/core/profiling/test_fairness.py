"""The audit reveals the bias the synthetic world carries, and nothing when it has none."""

from __future__ import annotations

import polars as pl

from openpes.profiling import DEMO_PROTECTED, WORLD_FEATURES, model_card, train, training_frame
from openpes.synth import BiasConfig, generate_world

from .conftest import FAST_EBM


def _evaluation(bias: BiasConfig):  # type: ignore[no-untyped-def]
    world = generate_world(8000, 20, 2, seed=5, bias=bias)
    frame = training_frame(world.jobseekers, world.protected, world.outcomes)
    model = train(
        frame,
        target="not_employed_12m",
        features=list(WORLD_FEATURES),
        protected=DEMO_PROTECTED,
        time_column="registered_on",
        compare=False,
        settings=FAST_EBM,
    )
    # All 8,000 people rather than the test part alone: enough to see a gap in a band.
    return model, model.evaluate(frame)


def test_default_bias_is_revealed_and_reported() -> None:
    model, evaluation = _evaluation(BiasConfig())
    gaps = evaluation.band_gaps()
    # Non-EU job seekers are hired less and their jobs under-recorded: within a band,
    # more of them stay out of work than nationals.
    origin = gaps.filter(pl.col("attribute") == "origin")
    assert origin.height >= 1
    assert ("national", "non_eu") in set(zip(origin["group"], origin["group_other"], strict=True))
    non_eu = evaluation.band_groups.filter(
        (pl.col("attribute") == "origin") & (pl.col("group") == "non_eu")
    )
    assert (non_eu.filter(pl.col("n") >= 30)["gap"] > 0).all()  # their need is understated
    assert evaluation.audit is not None and evaluation.audit.verdict == "fail"
    # The card (figures from the test part) reports the failing audit and the groups.
    card = model_card(model, format="markdown")
    assert model.report.test.verdict == "fail"
    assert "disparities beyond the policy's bounds (verdict: fail)" in card
    assert "| origin=non_eu |" in card


def test_without_bias_bands_mean_the_same_for_every_group() -> None:
    model, evaluation = _evaluation(BiasConfig.none())
    assert evaluation.band_gaps().height == 0
    assert "Groups whose observed rates differ within a band" not in model_card(
        model, format="markdown"
    )
