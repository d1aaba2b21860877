"""``train``: split, fit, calibrate, compare with LightGBM, analyse proxies, evaluate."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import polars as pl

from openpes import __version__
from openpes._frames import IntoFrame, as_polars
from openpes._protected import is_protected_name
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.profiling._additive import ebm_table, scorecard_table
from openpes.profiling._boosted import fit_boosted, threads_for
from openpes.profiling._calibration import Calibration, fit_calibrator
from openpes.profiling._columns import check_columns, specs_for
from openpes.profiling._features import ACTIONABLE_FEATURES, IMMUTABLE_FEATURES
from openpes.profiling._metrics import auc
from openpes.profiling._model import ModelKind, SupportNeedsModel, check_thresholds, target_array
from openpes.profiling._proxy import proxy_analysis
from openpes.profiling._report import (
    Comparison,
    SplitSummary,
    TrainingReport,
    summary_from_dict,
)
from openpes.profiling._split import split_rows

__all__ = ["EBM_SETTINGS", "train"]

_ = messages("openpes.profiling")

#: Settings of the Explainable Boosting Machine, tuned for 2 cores: fewer outer bags
#: and bins than interpret's defaults cost little AUC and make 1M rows trainable.
#: At most this many learning rows fit the LightGBM comparison model (the card's "price of
#: interpretability"); its AUC is still measured on the whole test split.
COMPARE_MAX_ROWS = 250_000

EBM_SETTINGS: dict[str, Any] = {
    "outer_bags": 4,
    "max_bins": 256,
    "learning_rate": 0.04,
    "max_rounds": 3000,
    "early_stopping_rounds": 50,
}
_SKIPPED_DTYPES = (pl.List, pl.Array, pl.Struct, pl.Date, pl.Datetime, pl.Duration, pl.Object)


def _default_features(frame: pl.DataFrame, excluded: set[str]) -> list[str]:
    return [
        name
        for name, dtype in frame.schema.items()
        if name not in excluded
        and not name.endswith("_id")
        and not isinstance(dtype, _SKIPPED_DTYPES)
        and dtype not in _SKIPPED_DTYPES
    ]


def train(
    data: IntoFrame,
    *,
    target: str,
    features: Sequence[str] | None = None,
    protected: Sequence[str] = (),
    time_column: str | None = None,
    model: ModelKind = "ebm",
    calibration: Calibration = "isotonic",
    seed: int = 0,
    allow_protected: bool = False,
    thresholds: Sequence[float] = (0.35, 0.6),
    actionable: Mapping[str, Sequence[Any]] | None = None,
    immutable: Sequence[str] | None = None,
    compare: bool = True,
    proxy_warning: float = 0.7,
    settings: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> SupportNeedsModel:
    """Train a calibrated support-needs model.

    Parameters
    ----------
    data
        A Polars DataFrame with the target, the features and (optionally) protected
        attributes and a time column. Numeric, boolean, string and categorical
        features are read natively; missing values are allowed.
    target
        Boolean or 0/1 column: 1 = not back in work within 12 months.
    features
        Feature columns. By default every numeric, boolean or text column except the
        target, the protected attributes, the time column and ``*_id`` columns.
    protected
        Protected attributes: never features (unless ``allow_protected``), used for
        the group audit and the proxy analysis. A feature whose name is a known
        protected attribute in any of the five languages (``sex``, ``Geschlecht``,
        ``date_of_birth``, ...) must be declared here, or training refuses it.
    time_column
        When given, the split is temporal: the latest 15 % of rows are the test set.
    model
        ``"ebm"`` (Explainable Boosting Machine, the default glass box), ``"scorecard"``
        (binned logistic regression) or ``"lightgbm"`` (a black box, for comparison).
    calibration
        ``"isotonic"`` (default), ``"platt"`` or ``"none"``, fitted on a held-out 15 %.
    seed
        Seeds the split and the learners.
    allow_protected
        Let a protected attribute be a feature; the model card says so prominently.
        A feature named like a protected attribute but not declared is then treated as
        a protected attribute used as a feature.
    thresholds
        Probabilities at which the band becomes medium and high.
    actionable
        Feature -> changes recourse may propose (``+k`` steps for numbers, target
        values for booleans and text). Defaults to :data:`ACTIONABLE_FEATURES`.
    immutable
        Features recourse never changes; defaults to :data:`IMMUTABLE_FEATURES`.
    compare
        Also fit LightGBM on the same split, to report the price of interpretability.
    proxy_warning
        Warn in the card when a protected attribute is predicted with this AUC or more.
    settings
        Extra settings for the learner (EBM or LightGBM keyword arguments).
    progress
        Called with the name of each step as it starts.

    Returns
    -------
    SupportNeedsModel

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> from openpes.profiling import training_frame, train
    >>> world = generate_world(3000, 10, 2, seed=3)
    >>> frame = training_frame(world.jobseekers, world.protected, world.outcomes)
    >>> model = train(frame, target="not_employed_12m",
    ...               protected=["sex", "age", "age_band", "origin", "disability"],
    ...               model="scorecard", compare=False)
    >>> "sex" in model.features
    False
    """
    step = progress or (lambda _name: None)
    started = time.perf_counter()
    frame = as_polars(data)
    if model not in ("ebm", "scorecard", "lightgbm"):
        raise InputError(
            _("model must be ebm, scorecard or lightgbm, got {value!r}").format(value=model),
            column="model",
        )
    if calibration not in ("isotonic", "platt", "none"):
        raise InputError(
            _("calibration must be isotonic, platt or none, got {value!r}").format(
                value=calibration
            ),
            column="calibration",
        )
    protected = tuple(protected)
    check_columns(frame, [target, *([time_column] if time_column else [])])
    if features is None:
        features = _default_features(
            frame, {target, *protected, *([time_column] if time_column else [])}
        )
    features = list(dict.fromkeys(features))
    if not features:
        raise InputError(_("at least one feature was expected"), column="features")
    if target in features:
        raise InputError(_("the target cannot also be a feature"), column=target)
    leaked = [name for name in features if name in protected]
    if leaked and not allow_protected:
        raise InputError(
            _(
                "{name!r} is protected and cannot be a feature; pass allow_protected=True to "
                "override, and the model card will say so"
            ).format(name=leaked[0]),
            column=leaked[0],
        )
    thresholds = check_thresholds(thresholds)
    specs = specs_for(frame, features)
    immutable_set = frozenset(IMMUTABLE_FEATURES if immutable is None else immutable)
    declared = ACTIONABLE_FEATURES if actionable is None else actionable
    actions = {name: tuple(values) for name, values in declared.items() if name in features}
    forbidden = sorted(set(declared) & (immutable_set | set(protected)))
    if forbidden:
        raise InputError(
            _("{name!r} is protected or immutable and cannot be actionable").format(
                name=forbidden[0]
            ),
            column=forbidden[0],
        )
    y = target_array(frame, target)
    if frame.height < 100 or y.min() == y.max():
        raise InputError(_("at least 100 rows with both outcomes were expected"), column=target)
    # A column named like a protected attribute (sex, Geschlecht, date_of_birth, ...) never
    # becomes a feature by default: it must be declared protected, or explicitly allowed.
    undeclared = [name for name in features if name not in protected and is_protected_name(name)]
    if undeclared and not allow_protected:
        raise InputError(
            _(
                "{name!r} looks like a protected attribute: declare it protected (--protected, "
                "or protected= in Python) so that it is audited and never a feature, or allow "
                "it as a feature (--allow-protected, or allow_protected=True), and the model "
                "card will say so"
            ).format(name=undeclared[0]),
            column=undeclared[0],
        )
    protected = (*protected, *undeclared)
    leaked = [name for name in features if name in protected]

    step("split")
    split = split_rows(frame, time_column=time_column, seed=seed)
    train_rows, cal_rows, test_rows = (
        frame[split.train],
        frame[split.calibration],
        frame[split.test],
    )
    y_train, y_cal, y_test = y[split.train], y[split.calibration], y[split.test]

    step("fit")
    fit_started = time.perf_counter()
    table = boosted = None
    learner_settings: dict[str, Any] = {}
    if model == "ebm":
        learner_settings = {
            **EBM_SETTINGS,
            "n_jobs": threads_for(train_rows.height),
            **(settings or {}),
        }
        table = ebm_table(train_rows, y_train, specs, seed=seed, settings=learner_settings)
    elif model == "scorecard":
        learner_settings = dict(settings or {})
        table = scorecard_table(train_rows, y_train, specs, **learner_settings)
    else:
        learner_settings = dict(settings or {})
        boosted = fit_boosted(train_rows, y_train, specs, seed=seed, settings=learner_settings)
    fit_seconds = time.perf_counter() - fit_started
    raw = table.raw_score if table is not None else boosted.raw_score  # type: ignore[union-attr]

    step("calibrate")
    calibrator = fit_calibrator(raw(cal_rows), y_cal, method=calibration)

    draft = SupportNeedsModel(
        kind=model,
        target=target,
        specs=tuple(specs),
        protected=protected,
        allow_protected=bool(leaked),
        calibrator=calibrator,
        thresholds=thresholds,
        actions=actions,
        immutable=immutable_set,
        report=TrainingReport(),
        table=table,
        boosted=boosted,
    )

    step("evaluate")
    evaluation = draft.evaluate(test_rows)
    comparison: Comparison | None = None
    if compare:
        step("compare")
        if model == "lightgbm":
            comparison = Comparison(lightgbm_auc=evaluation.auc, difference=0.0)
        else:
            # The comparison is a yardstick, not the product: fitting it on a capped sample keeps
            # a national-scale training run within its time budget.
            rows = np.arange(train_rows.height)
            if rows.size > COMPARE_MAX_ROWS:
                rows = np.sort(
                    np.random.default_rng(seed).choice(rows, COMPARE_MAX_ROWS, replace=False)
                )
            black_box = fit_boosted(train_rows[rows], y_train[rows], specs, seed=seed)
            black_auc = auc(y_test, black_box.raw_score(test_rows))
            comparison = Comparison(
                lightgbm_auc=black_auc,
                difference=evaluation.auc - black_auc,
                lightgbm_rows=int(rows.size),
            )

    step("proxies")
    proxies = proxy_analysis(
        train_rows,
        test_rows,
        specs,
        [p for p in protected if p not in features],
        threshold=proxy_warning,
        seed=seed,
    )
    ranges = {
        s.name: np.quantile(
            train_rows[s.name].cast(pl.Float64).drop_nulls().to_numpy(), [0.1, 0.5, 0.9]
        ).tolist()
        for s in specs
        if s.kind == "numeric" and train_rows[s.name].drop_nulls().len()
    }
    described = split.describe()
    report = TrainingReport(
        openpes_version=__version__,
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        seed=seed,
        rows=frame.height,
        base_rate=float(y.mean()),
        split=SplitSummary(
            method=described["method"],
            rows=described["rows"],
            periods={k: (v[0], v[1]) for k, v in described["periods"].items()},
        ),
        time_column=time_column,
        settings=learner_settings,
        fit_seconds=fit_seconds,
        train_seconds=time.perf_counter() - started,
        test=summary_from_dict(evaluation.summary()),
        comparison=comparison,
        proxies=tuple(proxies),
        proxy_warning=proxy_warning,
        protected_features=tuple(leaked),
        feature_ranges={k: tuple(v) for k, v in ranges.items()},
        importance=_importance(draft, train_rows),
    )
    return SupportNeedsModel(
        kind=model,
        target=target,
        specs=tuple(specs),
        protected=protected,
        allow_protected=bool(leaked),
        calibrator=calibrator,
        thresholds=thresholds,
        actions=actions,
        immutable=immutable_set,
        report=report,
        table=table,
        boosted=boosted,
    )


def _importance(model: SupportNeedsModel, frame: pl.DataFrame) -> dict[str, float]:
    """Mean absolute contribution of each feature (log-odds), on up to 20,000 rows."""
    sample = frame.head(20_000)
    contributions = model.explain(sample).select(model.features)
    return {name: float(np.abs(contributions[name].to_numpy()).mean()) for name in model.features}
