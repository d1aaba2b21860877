from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from openpes.i18n import LANGUAGES
from openpes.profiling import SupportNeedsModel, assess


@pytest.mark.parametrize("language", LANGUAGES)
def test_assessment_has_band_interval_factors_and_help(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame, language: str
) -> None:
    needy = world_frame.filter(ebm.bands(world_frame) == "high")
    row = needy[0]
    result = assess(ebm, row, language=language)
    assert result.probability == pytest.approx(ebm.predict_proba(row)[0])
    assert result.interval[0] <= result.probability <= result.interval[1]
    assert result.band == "high"
    contributions = ebm.explain(row).select(ebm.features).row(0)
    expected = [ebm.features[i] for i in np.argsort(-np.abs(contributions))[:5]]
    assert [f.feature for f in result.factors] == expected
    assert len(result.recourse_sentences) == len(result.recourse)
    assert result.purpose and result.glass_box
    if language != "en":
        english = assess(ebm, row, language="en")
        assert result.purpose != english.purpose
        assert result.factors[0].sentence != english.factors[0].sentence


def test_factor_sentences_say_which_way_they_push(
    ebm: SupportNeedsModel, world_frame: pl.DataFrame
) -> None:
    result = assess(ebm, world_frame[5])
    for factor in result.factors:
        word = "raises" if factor.contribution > 0 else "lowers"
        assert word in factor.sentence
