"""One person's assessment, as the counsellor's and the job seeker's pages show it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from openpes._frames import IntoFrame
from openpes.i18n import Language
from openpes.profiling._model import SupportNeedsModel
from openpes.profiling._recourse import RecourseOption, one_row, recourse
from openpes.profiling._text import Texts

__all__ = ["Assessment", "Factor", "assess"]


@dataclass(frozen=True)
class Factor:
    """One feature's part in the assessment: exact log-odds contribution and a sentence."""

    feature: str
    label: str
    value: object
    contribution: float
    sentence: str


@dataclass(frozen=True)
class Assessment:
    """Probability, its interval, band, main factors and what would help, in one language.

    ``interval`` is a 95 % interval reflecting how much calibration evidence backs the
    probability; ``factors`` are the features that weigh most for this person, largest
    first; ``recourse`` lists the smallest changes that would lower the band. ``missing``
    names (in the reader's language) the features not recorded for this person, and
    ``missing_sentence`` says so ("" when every feature is recorded): a missing value is
    never read as 0.
    """

    probability: float
    interval: tuple[float, float]
    band: str
    band_label: str
    factors: tuple[Factor, ...]
    recourse: tuple[RecourseOption, ...]
    recourse_sentences: tuple[str, ...]
    purpose: str
    glass_box: bool
    language: str
    missing: tuple[str, ...] = ()
    missing_sentence: str = ""


def assess(
    model: SupportNeedsModel, row: IntoFrame, *, language: Language = "en", top: int = 5
) -> Assessment:
    """Everything a counsellor's page shows about one person, in one language.

    ``row`` is a one-row frame with the model's features; ``top`` is how many factors
    are explained.

    Examples
    --------
    >>> from openpes.profiling import train_demo_model, features_from_world
    >>> from openpes.synth import generate_world
    >>> world = generate_world(3000, 10, 2, seed=3)
    >>> model = train_demo_model(world)
    >>> result = assess(model, features_from_world(world.jobseekers.head(1)), language="de")
    >>> result.band in ("low", "medium", "high"), len(result.factors)
    (True, 5)
    """
    row = one_row(model, row)
    texts = Texts(language)
    probability = float(model.predict_proba(row)[0])
    low, high = model.calibrator.interval(np.array([probability]))
    band = str(model.bands_of(np.array([probability]))[0])
    contributions = model.explain(row).select(model.features).row(0, named=True)
    # NaN and null alike are "not recorded", never a number.
    values = {k: None if _is_missing(v) else v for k, v in row.row(0, named=True).items()}
    ranked = sorted(model.features, key=lambda name: -abs(contributions[name]))[:top]
    factors = tuple(
        Factor(
            feature=name,
            label=texts.feature(name),
            value=values[name],
            contribution=float(contributions[name]),
            sentence=texts.factor(name, values[name], contributions[name]),
        )
        for name in ranked
    )
    missing = [name for name in model.features if values[name] is None]
    options = tuple(recourse(model, row))
    sentences = tuple(
        texts.recourse(
            [texts.change(c.feature, c.current, c.proposed) for c in option.changes], option.band
        )
        for option in options
    )
    return Assessment(
        probability=probability,
        interval=(float(low[0]), float(high[0])),
        band=band,
        band_label=texts.band(band),
        factors=factors,
        recourse=options,
        recourse_sentences=sentences,
        purpose=texts.purpose(),
        glass_box=model.is_glass_box,
        language=language,
        missing=tuple(texts.feature(name) for name in missing),
        missing_sentence=texts.missing(missing),
    )


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
