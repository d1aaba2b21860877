"""The support-needs model: calibrated probabilities, exact explanations, bands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import polars as pl

from openpes._frames import IntoFrame, as_polars
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.profiling._additive import AdditiveTable
from openpes.profiling._boosted import BoostedModel
from openpes.profiling._calibration import Calibrator
from openpes.profiling._columns import FeatureSpec, check_columns
from openpes.profiling._evaluation import Evaluation, audit_columns, evaluate_predictions
from openpes.profiling._report import TrainingReport

__all__ = ["BANDS", "ModelKind", "SupportNeedsModel", "check_thresholds", "target_array"]

_ = messages("openpes.profiling")

ModelKind = Literal["ebm", "scorecard", "lightgbm"]
#: The need bands, from least to most support.
BANDS: tuple[str, ...] = ("low", "medium", "high")
BAND_DTYPE = pl.Enum(list(BANDS))


def check_thresholds(thresholds: Sequence[float]) -> tuple[float, float]:
    values = tuple(float(t) for t in thresholds)
    if len(values) != 2 or not (0 < values[0] < values[1] < 1):
        raise InputError(
            _("two increasing probabilities between 0 and 1 were expected, got {value!r}").format(
                value=tuple(thresholds)
            ),
            column="thresholds",
        )
    return values[0], values[1]


@dataclass(frozen=True, eq=False)
class SupportNeedsModel:
    """A trained support-needs model: P(not back in work within 12 months).

    Its purpose is to offer more support earlier, never to deny or reduce a service.
    The counsellor always decides. Build one with :func:`openpes.profiling.train`, or
    read one with :func:`openpes.profiling.load_model`. Its card, storage, assessments
    and recourse are functions of :mod:`openpes.profiling` that take the model; the model
    knows none of them.
    """

    kind: ModelKind
    target: str
    specs: tuple[FeatureSpec, ...]
    protected: tuple[str, ...]
    allow_protected: bool
    calibrator: Calibrator
    thresholds: tuple[float, float]
    actions: Mapping[str, tuple[Any, ...]]
    immutable: frozenset[str]
    report: TrainingReport
    table: AdditiveTable | None = None
    boosted: BoostedModel | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- basics ---------------------------------------------------------------------
    @property
    def features(self) -> list[str]:
        """The model's features, in order."""
        return [s.name for s in self.specs]

    @property
    def is_glass_box(self) -> bool:
        """True for the additive models (EBM, scorecard); False for LightGBM."""
        return self.kind != "lightgbm"

    def checked(self, data: IntoFrame) -> pl.DataFrame:
        """``data`` as a Polars frame, refused unless it has every feature of the model."""
        frame = as_polars(data)
        check_columns(frame, self.features)
        return frame

    def raw_score(self, data: IntoFrame) -> np.ndarray:
        """Uncalibrated log-odds of needing support, one per row."""
        frame = self.checked(data)
        if self.table is not None:
            return self.table.raw_score(frame)
        assert self.boosted is not None
        return self.boosted.raw_score(frame)

    def predict_proba(self, data: IntoFrame) -> np.ndarray:
        """Calibrated probability that the target is 1 (not in work within 12 months).

        Examples
        --------
        >>> from openpes.profiling import train_demo_model
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> from openpes.profiling import features_from_world
        >>> p = model.predict_proba(features_from_world(world.jobseekers.head(5)))
        >>> p.shape, bool(((p >= 0) & (p <= 1)).all())
        ((5,), True)
        """
        return self.calibrator.probability(self.raw_score(data))

    def predict_interval(self, data: IntoFrame) -> tuple[np.ndarray, np.ndarray]:
        """95 % interval around each probability from the calibration evidence near it.

        See :class:`~openpes.profiling._calibration.Calibrator` for what it means.
        """
        return self.calibrator.interval(self.predict_proba(data))

    def explain(self, data: IntoFrame) -> pl.DataFrame:
        """Exact contributions on the uncalibrated log-odds scale.

        One column per feature, plus ``intercept`` and ``raw_score``; for every row
        ``intercept + sum(contributions) == raw_score``. For the additive models a
        contribution is the feature's own shape function; for LightGBM (a black box)
        they are TreeSHAP values.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model, features_from_world
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> table = model.explain(features_from_world(world.jobseekers.head(3)))
        >>> table.columns[-2:]
        ['intercept', 'raw_score']
        """
        frame = self.checked(data)
        if self.table is not None:
            contributions = self.table.contributions(frame)
            intercept = np.full(frame.height, self.table.intercept)
        else:
            assert self.boosted is not None
            contributions, intercept = self.boosted.contributions_with_intercept(frame)
        columns = {name: contributions[:, i] for i, name in enumerate(self.features)}
        raw = intercept + contributions.sum(axis=1)
        return pl.DataFrame({**columns, "intercept": intercept, "raw_score": raw})

    def bands(self, data: IntoFrame, *, thresholds: Sequence[float] | None = None) -> pl.Series:
        """Need band per row: ``low`` below the first threshold, ``high`` from the second.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model, features_from_world
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> model.bands(features_from_world(world.jobseekers.head(3))).dtype
        Enum(categories=['low', 'medium', 'high'])
        """
        return self.bands_of(self.predict_proba(data), thresholds=thresholds)

    def bands_of(
        self, probability: np.ndarray, *, thresholds: Sequence[float] | None = None
    ) -> pl.Series:
        """Bands of probabilities already computed."""
        low, high = check_thresholds(thresholds if thresholds is not None else self.thresholds)
        index = (np.asarray(probability) >= low).astype(np.int64) + (
            np.asarray(probability) >= high
        )
        return pl.Series("band", np.asarray(BANDS, dtype=object)[index], dtype=pl.String).cast(
            BAND_DTYPE
        )

    def evaluate(self, data: IntoFrame, *, label: str | None = None) -> Evaluation:
        """AUC, Brier score, ECE with its calibration curve, and group error rates.

        ``data`` needs the features and the label column (the training target by
        default; pass ``label=`` to audit against another outcome, such as the true
        rather than the recorded one). Protected columns present in ``data`` are used
        for the per-group band error rates through :mod:`openpes.fairness`.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model, training_frame
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> frame = training_frame(world.jobseekers, world.protected, world.outcomes)
        >>> result = model.evaluate(frame)
        >>> 0.5 < result.auc <= 1
        True
        """
        frame = self.checked(data)
        label = label or self.target
        check_columns(frame, [label])
        target = target_array(frame, label)
        probability = self.predict_proba(frame)
        groups = frame.select(audit_columns(frame, self.protected))
        return evaluate_predictions(target, probability, self.bands_of(probability), groups)


def target_array(frame: pl.DataFrame, name: str) -> np.ndarray:
    """A 0/1 array from a boolean or 0/1 column, refusing nulls and other values."""
    series = frame[name]
    if series.null_count():
        row = int(series.is_null().arg_true()[0])
        raise InputError(_("the target has a missing value"), column=name, row=row)
    if series.dtype == pl.Boolean:
        return series.cast(pl.Int64).to_numpy()
    if not series.dtype.is_numeric():
        raise InputError(_("a boolean or 0/1 target column was expected"), column=name)
    values = series.cast(pl.Float64).to_numpy()
    bad = np.flatnonzero((values != 0) & (values != 1))
    if bad.size:
        raise InputError(
            _("a boolean or 0/1 target column was expected"), column=name, row=int(bad[0])
        )
    return values.astype(np.int64)
