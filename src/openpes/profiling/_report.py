"""What :func:`openpes.profiling.train` found, as typed data: the model's training report.

The model card reads these attributes; :func:`report_to_dict` and :func:`report_from_dict`
are the JSON form that storage (``openpes.profiling._storage``) writes and reads, so the
report is a dict only on disk. Figures that cannot
be computed (an AUC with one class, a rate of an empty group) are ``None`` after loading
and NaN before; the card shows both as a dash.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from openpes.profiling._proxy import ProxyResult

__all__ = [
    "BandGap",
    "BandGroupRate",
    "BandRate",
    "CalibrationBin",
    "Comparison",
    "Disparity",
    "GroupRates",
    "SplitSummary",
    "TestSummary",
    "TrainingReport",
    "json_ready",
    "report_from_dict",
    "report_to_dict",
    "summary_from_dict",
]

_Record = TypeVar("_Record")


@dataclass(frozen=True)
class SplitSummary:
    """How the rows were split: ``random`` or ``temporal``, rows and periods per part.

    ``rows`` and ``periods`` are keyed by ``train``, ``calibration`` and ``test``;
    ``periods`` (first and last date) is empty for a random split.
    """

    method: str = "random"
    rows: Mapping[str, int] = field(default_factory=dict)
    periods: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CalibrationBin:
    """One bin of the calibration curve on the test part."""

    bin_low: float
    bin_high: float
    n: int
    mean_predicted: float | None
    observed_rate: float | None


@dataclass(frozen=True)
class BandRate:
    """How many test people fell in a band, and how many of them had the target 1."""

    band: str
    n: int
    observed_rate: float | None


@dataclass(frozen=True)
class GroupRates:
    """Rates of one protected group for the *high need* decision, with 95 % intervals."""

    grouping: str
    n: int | None
    base_rate: float | None
    base_rate_ci_low: float | None
    base_rate_ci_high: float | None
    selection_rate: float | None
    selection_rate_ci_low: float | None
    selection_rate_ci_high: float | None
    fpr: float | None
    fpr_ci_low: float | None
    fpr_ci_high: float | None
    fnr: float | None
    fnr_ci_low: float | None
    fnr_ci_high: float | None
    group: str


@dataclass(frozen=True)
class Disparity:
    """A group's rate beyond the fairness policy's bounds, against its reference group."""

    group: str
    reference: str
    metric: str
    value: float | None
    reference_value: float | None
    difference: float | None
    ratio: float | None
    verdict: str


@dataclass(frozen=True)
class BandGroupRate:
    """Observed and predicted target rate of one group within one band."""

    attribute: str
    group: str
    band: str
    n: int
    observed_rate: float | None
    ci_low: float | None
    ci_high: float | None
    mean_predicted: float | None
    gap: float | None
    gap_ci_low: float | None
    gap_ci_high: float | None


@dataclass(frozen=True)
class BandGap:
    """Two groups whose observed rates in the same band differ beyond their intervals."""

    attribute: str
    band: str
    group: str
    observed_rate: float | None
    mean_predicted: float | None
    n: int
    group_other: str
    observed_rate_other: float | None
    mean_predicted_other: float | None
    n_other: int


@dataclass(frozen=True)
class TestSummary:
    """Accuracy, calibration and the group audit on the test part.

    ``verdict`` is the fairness audit's overall verdict, ``None`` when no protected
    attribute was available (and ``groups`` is then empty).
    """

    __test__ = False  # not a pytest test class, whatever its name

    n: int = 0
    auc: float | None = None
    brier: float | None = None
    ece: float | None = None
    calibration: tuple[CalibrationBin, ...] = ()
    bands: tuple[BandRate, ...] = ()
    groups: tuple[GroupRates, ...] = ()
    disparities: tuple[Disparity, ...] = ()
    verdict: str | None = None
    band_groups: tuple[BandGroupRate, ...] = ()
    band_gaps: tuple[BandGap, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The price of interpretability: LightGBM's test AUC on the same split.

    ``lightgbm_rows`` is how many learning rows the comparison model saw (it is fitted on
    a capped sample); ``None`` when the model is LightGBM itself.
    """

    lightgbm_auc: float | None
    difference: float | None
    lightgbm_rows: int | None = None


@dataclass(frozen=True)
class TrainingReport:
    """Everything :func:`~openpes.profiling.train` measured, for the card and the audit.

    Examples
    --------
    >>> report = TrainingReport(rows=1200, base_rate=0.4)
    >>> report.test.verdict is None, report.comparison is None
    (True, True)
    """

    openpes_version: str = "?"
    created: str = "?"
    seed: int | None = None
    rows: int = 0
    base_rate: float | None = None
    split: SplitSummary = SplitSummary()
    time_column: str | None = None
    #: The learner's settings (EBM or LightGBM keyword arguments), as they were used.
    settings: Mapping[str, Any] = field(default_factory=dict)
    fit_seconds: float | None = None
    train_seconds: float | None = None
    test: TestSummary = TestSummary()
    comparison: Comparison | None = None
    proxies: tuple[ProxyResult, ...] = ()
    proxy_warning: float = 0.7
    #: Protected attributes used as features by explicit choice (``allow_protected``).
    protected_features: tuple[str, ...] = ()
    #: 10th, 50th and 90th percentile of each numeric feature on the training part.
    feature_ranges: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    #: Mean absolute contribution of each feature (log-odds).
    importance: Mapping[str, float] = field(default_factory=dict)


def json_ready(value: Any) -> Any:
    """``value`` with tuples as lists, NumPy scalars as Python ones and NaN as None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return json_ready(value.item())
    return value


def summary_from_dict(test: Mapping[str, Any]) -> TestSummary:
    """The typed test summary from :meth:`Evaluation.summary` or from ``model.json``."""
    return TestSummary(
        n=test.get("n", 0),
        auc=test.get("auc"),
        brier=test.get("brier"),
        ece=test.get("ece"),
        calibration=_records(CalibrationBin, test.get("calibration")),
        bands=_records(BandRate, test.get("bands")),
        groups=_records(GroupRates, test.get("groups")),
        disparities=_records(Disparity, test.get("disparities")),
        verdict=test.get("verdict"),
        band_groups=_records(BandGroupRate, test.get("band_groups")),
        band_gaps=_records(BandGap, test.get("band_gaps")),
    )


def report_to_dict(report: TrainingReport) -> dict[str, Any]:
    """The report as the JSON object that ``model.json`` has always held."""
    values = dataclasses.asdict(report)
    comparison = values["comparison"]
    # Older reports and LightGBM's own have no sample size: the key is absent, not null.
    if comparison is not None and comparison["lightgbm_rows"] is None:
        del comparison["lightgbm_rows"]
    return json_ready(values)


def _record(cls: type[_Record], values: Mapping[str, Any]) -> _Record:
    """A row dataclass from its JSON object; a key an older artifact lacks becomes None."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return cls(**{name: values.get(name) for name in names})


def _records(cls: type[_Record], values: Any) -> tuple[_Record, ...]:
    return tuple(_record(cls, v) for v in values or ())


def report_from_dict(values: Mapping[str, Any]) -> TrainingReport:
    """Rebuild the typed report from ``model.json`` (any key may be missing)."""
    split = values.get("split") or {}
    test = values.get("test") or {}
    comparison = values.get("comparison")
    return TrainingReport(
        openpes_version=values.get("openpes_version", "?"),
        created=values.get("created", "?"),
        seed=values.get("seed"),
        rows=values.get("rows", 0),
        base_rate=values.get("base_rate"),
        split=SplitSummary(
            method=split.get("method", "random"),
            rows=dict(split.get("rows") or {}),
            periods={k: (v[0], v[1]) for k, v in (split.get("periods") or {}).items()},
        ),
        time_column=values.get("time_column"),
        settings=dict(values.get("settings") or {}),
        fit_seconds=values.get("fit_seconds"),
        train_seconds=values.get("train_seconds"),
        test=summary_from_dict(test),
        comparison=None if comparison is None else _record(Comparison, comparison),
        proxies=_records(ProxyResult, values.get("proxies")),
        proxy_warning=values.get("proxy_warning", 0.7),
        protected_features=tuple(values.get("protected_features") or ()),
        feature_ranges={k: tuple(v) for k, v in (values.get("feature_ranges") or {}).items()},
        importance=dict(values.get("importance") or {}),
    )
