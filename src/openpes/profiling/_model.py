"""The support-needs model: calibrated probabilities, exact explanations, bands."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import polars as pl

from openpes.errors import InputError
from openpes.i18n import Language, translator
from openpes.profiling._additive import AdditiveTable
from openpes.profiling._boosted import BoostedModel
from openpes.profiling._calibration import Calibrator
from openpes.profiling._columns import FeatureSpec, check_columns
from openpes.profiling._evaluation import Evaluation, audit_columns, evaluate_predictions

if TYPE_CHECKING:
    from openpes.profiling._assess import Assessment
    from openpes.profiling._recourse import RecourseOption

__all__ = ["BANDS", "ModelKind", "SupportNeedsModel"]

ModelKind = Literal["ebm", "scorecard", "lightgbm"]
CardFormat = Literal["md", "html", "json"]
#: The need bands, from least to most support.
BANDS: tuple[str, ...] = ("low", "medium", "high")
BAND_DTYPE = pl.Enum(list(BANDS))


def as_frame(data: Any, *, what: str = "data") -> pl.DataFrame:
    """Accept a Polars DataFrame or LazyFrame (or anything Narwhals accepts)."""
    if isinstance(data, pl.DataFrame):
        return data
    if isinstance(data, pl.LazyFrame):
        return data.collect()
    try:
        import narwhals as nw

        return nw.from_native(data, eager_only=True).to_polars()
    except TypeError:
        _ = translator("openpes.profiling").gettext
        raise InputError(_("a data frame was expected for {what}").format(what=what)) from None


def check_thresholds(thresholds: Sequence[float]) -> tuple[float, float]:
    values = tuple(float(t) for t in thresholds)
    if len(values) != 2 or not (0 < values[0] < values[1] < 1):
        _ = translator("openpes.profiling").gettext
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
    read one with :meth:`load`.
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
    report: Mapping[str, Any]
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

    def _checked(self, data: Any) -> pl.DataFrame:
        frame = as_frame(data)
        check_columns(frame, self.features)
        return frame

    def raw_score(self, data: Any) -> np.ndarray:
        """Uncalibrated log-odds of needing support, one per row."""
        frame = self._checked(data)
        if self.table is not None:
            return self.table.raw_score(frame)
        assert self.boosted is not None
        return self.boosted.raw_score(frame)

    def predict_proba(self, data: Any) -> np.ndarray:
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

    def predict_interval(self, data: Any) -> tuple[np.ndarray, np.ndarray]:
        """95 % interval around each probability from the calibration evidence near it.

        See :class:`~openpes.profiling._calibration.Calibrator` for what it means.
        """
        return self.calibrator.interval(self.predict_proba(data))

    def explain(self, data: Any) -> pl.DataFrame:
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
        frame = self._checked(data)
        if self.table is not None:
            contributions = self.table.contributions(frame)
            intercept = np.full(frame.height, self.table.intercept)
        else:
            assert self.boosted is not None
            contributions, intercept = self.boosted.contributions_with_intercept(frame)
        columns = {name: contributions[:, i] for i, name in enumerate(self.features)}
        raw = intercept + contributions.sum(axis=1)
        return pl.DataFrame({**columns, "intercept": intercept, "raw_score": raw})

    def bands(self, data: Any, *, thresholds: Sequence[float] | None = None) -> pl.Series:
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

    # -- assessment ------------------------------------------------------------------
    def recourse(
        self,
        row: Any,
        *,
        actionable: Sequence[str] | Mapping[str, Sequence[Any]] | None = None,
        max_changes: int = 2,
        limit: int = 5,
    ) -> list[RecourseOption]:
        """Smallest changes to actionable features that would lower the person's band.

        Parameters
        ----------
        row
            A one-row frame with the model's features.
        actionable
            Feature names (their declared changes are tried) or a mapping from feature
            to the values to try; by default every declared actionable feature.
            Protected and immutable features are refused.
        max_changes
            At most this many features changed together.
        limit
            Return at most this many options, fewest changes first.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model, features_from_world
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> options = model.recourse(features_from_world(world.jobseekers.head(1)))
        >>> all(c.feature not in model.immutable for o in options for c in o.changes)
        True
        """
        from openpes.profiling._recourse import recourse

        return recourse(
            self, self._checked(row), actionable=actionable, max_changes=max_changes, limit=limit
        )

    def assess(self, row: Any, *, language: Language = "en", top: int = 5) -> Assessment:
        """Everything a counsellor's page shows about one person, in one language.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model, features_from_world
        >>> from openpes.synth import generate_world
        >>> world = generate_world(3000, 10, 2, seed=3)
        >>> model = train_demo_model(world)
        >>> result = model.assess(features_from_world(world.jobseekers.head(1)), language="de")
        >>> result.band in ("low", "medium", "high"), len(result.factors)
        (True, 5)
        """
        from openpes.profiling._assess import assess

        return assess(self, self._checked(row), language=language, top=top)

    def evaluate(self, data: Any, *, label: str | None = None) -> Evaluation:
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
        frame = self._checked(data)
        label = label or self.target
        check_columns(frame, [label])
        target = target_array(frame, label)
        probability = self.predict_proba(frame)
        groups = frame.select(audit_columns(frame, self.protected))
        return evaluate_predictions(target, probability, self.bands_of(probability), groups)

    # -- documents and storage ---------------------------------------------------------
    def model_card(self, format: CardFormat = "md", *, language: Language = "en") -> str:
        """The model card, mapped to EU AI Act Art. 13 and Annex IV.

        Examples
        --------
        >>> from openpes.profiling import train_demo_model
        >>> from openpes.synth import generate_world
        >>> model = train_demo_model(generate_world(3000, 10, 2, seed=3))
        >>> model.model_card("md", language="nl").startswith("# ")
        True
        """
        from openpes.profiling._card import render_card

        return render_card(self, format, language=language)

    def save(self, path: str | os.PathLike[str]) -> str:
        """Write the model to a folder (JSON and, for LightGBM, its text model).

        Returns the artifact's SHA-256; :meth:`load` refuses the folder if any byte of
        it changed.
        """
        from openpes.profiling._storage import save_model

        return save_model(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, sha256: str | None = None) -> SupportNeedsModel:
        """Read a model written by :meth:`save`, verifying every file's SHA-256.

        Raises :class:`openpes.errors.IntegrityError` when the folder was altered, or
        when ``sha256`` is given and differs from the artifact's.
        """
        from openpes.profiling._storage import load_model

        return load_model(path, sha256=sha256)


def target_array(frame: pl.DataFrame, name: str) -> np.ndarray:
    """A 0/1 array from a boolean or 0/1 column, refusing nulls and other values."""
    _ = translator("openpes.profiling").gettext
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
