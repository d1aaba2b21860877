"""A missing input is missing, not zero: the model says it does not know it."""

from __future__ import annotations

import polars as pl
import pytest

from openpes.profiling import SupportNeedsModel, assess
from openpes.profiling._text import Texts


def _without_rate(world_frame: pl.DataFrame, row: int = 5) -> pl.DataFrame:
    return world_frame[row].with_columns(region_unemployment_rate=pl.lit(None, pl.Float64))


@pytest.mark.parametrize("kind", ["ebm", "scorecard"])
def test_a_rate_never_missing_in_training_counts_as_the_average_person(
    models: dict[str, SupportNeedsModel], world_frame: pl.DataFrame, kind: str
) -> None:
    # The synthetic world always records the rate, so its missing bin was never learned;
    # like a value never seen, it must not push the estimate either way.
    model = models[kind]
    contribution = model.explain(_without_rate(world_frame))["region_unemployment_rate"][0]
    assert contribution == 0.0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_assessment_says_which_inputs_were_not_recorded(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame, language: str
) -> None:
    result = assess(ebm, _without_rate(world_frame), language=language, top=17)
    label = Texts(language).feature("region_unemployment_rate")
    assert result.missing == (label,)
    assert label in result.missing_sentence
    factor = next(f for f in result.factors if f.feature == "region_unemployment_rate")
    assert factor.value is None and "%" not in factor.sentence
    assert Texts(language).value(None) in factor.sentence
    recorded = assess(ebm, world_frame[5], language=language)
    assert recorded.missing == () and recorded.missing_sentence == ""


def test_a_factor_that_weighs_nothing_neither_raises_nor_lowers() -> None:
    sentence = Texts("en").factor("region_unemployment_rate", None, 0.0)
    assert "raises" not in sentence and "lowers" not in sentence
    assert sentence == "unemployment rate in the region: not recorded, so it does not count"
    weightless = Texts("en").factor("n_skills", 4, 0.0)
    assert (
        weightless == "number of recorded skills: 4 does not change the estimated need for support"
    )
