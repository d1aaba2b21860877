"""The EBM's lookup table reproduces interpret exactly; explanations add up to 1e-9."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpes.profiling import SupportNeedsModel
from openpes.profiling._additive import ebm_table
from openpes.profiling._columns import specs_for


def test_ebm_table_matches_interpret_eval_terms() -> None:
    from interpret.glassbox import ExplainableBoostingClassifier

    rng = np.random.default_rng(0)
    n = 1500
    frame = pl.DataFrame(
        {
            "x": np.round(rng.normal(size=n), 1),
            "k": rng.choice(["a", "b", "c"], size=n),
            "flag": rng.random(n) < 0.3,
        }
    )
    y = (frame["x"].to_numpy() + (frame["k"] == "a").to_numpy() + rng.normal(size=n) > 0.5).astype(
        int
    )
    settings = {"outer_bags": 1, "max_rounds": 100, "max_bins": 16}
    table = ebm_table(frame, y, specs_for(frame, frame.columns), seed=0, settings=settings)
    peer = ExplainableBoostingClassifier(
        feature_types=["continuous", "nominal", "nominal"],
        interactions=0,
        random_state=0,
        **settings,
    )
    import pandas as pd

    x = pd.DataFrame(
        {
            "x": frame["x"].to_numpy(),
            "k": frame["k"].to_numpy().astype(object),
            "flag": frame["flag"].cast(pl.String).to_numpy().astype(object),
        }
    )
    peer.fit(x, y)
    # Values exactly on cuts, missing values and an unseen category as well.
    probe = pl.DataFrame(
        {
            "x": [*np.asarray(table.terms[0].cuts)[:5].tolist(), None, 99.0],
            "k": ["a", "b", "c", "zzz", None, "a", "b"],
            "flag": [True, False, None, True, False, True, False],
        },
        schema={"x": pl.Float64, "k": pl.String, "flag": pl.Boolean},
    )
    probe_pd = pd.DataFrame(
        {
            "x": probe["x"].to_numpy(),
            "k": np.array(probe["k"].to_list(), dtype=object),
            "flag": np.array(probe["flag"].cast(pl.String).to_list(), dtype=object),
        }
    )
    np.testing.assert_allclose(table.contributions(probe), peer.eval_terms(probe_pd), atol=1e-12)
    np.testing.assert_allclose(table.raw_score(probe), peer.decision_function(probe_pd), atol=1e-12)


@pytest.mark.parametrize("kind", ["ebm", "scorecard", "lightgbm"])
def test_explanations_add_up_exactly(
    models: dict[str, SupportNeedsModel], world_frame: pl.DataFrame, kind: str
) -> None:
    model = models[kind]
    explained = model.explain(world_frame)
    total = (
        explained.select(model.features).to_numpy().sum(axis=1) + explained["intercept"].to_numpy()
    )
    np.testing.assert_allclose(total, explained["raw_score"].to_numpy(), rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        model.raw_score(world_frame), explained["raw_score"].to_numpy(), rtol=0, atol=1e-9
    )
    assert explained.columns == [*model.features, "intercept", "raw_score"]


def test_lightgbm_contributions_are_its_own_treeshap(
    models: dict[str, SupportNeedsModel], world_frame: pl.DataFrame
) -> None:
    import lightgbm

    model = models["lightgbm"]
    assert model.boosted is not None
    booster = lightgbm.Booster(model_str=model.boosted.model_text)
    from openpes.profiling._boosted import design_matrix

    matrix = design_matrix(world_frame, model.specs, model.boosted.categories)
    np.testing.assert_allclose(
        model.raw_score(world_frame), booster.predict(matrix, raw_score=True), atol=1e-12
    )


rows = st.fixed_dictionaries(
    {
        "isced": st.one_of(st.none(), st.integers(-3, 12)),
        "region": st.one_of(st.none(), st.sampled_from(["Highfell", "Nowhere", ""])),
        "n_skills": st.one_of(st.none(), st.integers(0, 500)),
        "driving_licence": st.one_of(st.none(), st.booleans()),
        "max_distance_km": st.one_of(st.none(), st.floats(-10, 1e4, allow_nan=False)),
    }
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(rows, min_size=1, max_size=20))
def test_additivity_holds_for_any_input_including_missing_and_unseen(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame, data: list[dict]
) -> None:
    base = world_frame.select(ebm.features).head(len(data))
    frame = base.with_columns(
        pl.Series(name, [row[name] for row in data], dtype=base.schema[name]) for name in data[0]
    )
    explained = ebm.explain(frame)
    total = (
        explained.select(ebm.features).to_numpy().sum(axis=1) + explained["intercept"].to_numpy()
    )
    np.testing.assert_allclose(total, explained["raw_score"].to_numpy(), rtol=0, atol=1e-9)
    assert np.isfinite(ebm.predict_proba(frame)).all()
