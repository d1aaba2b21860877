"""Run every monitor of every AI system over one period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal

import narwhals as nw
import polars as pl

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.oversight._anchoring import anchoring
from openpes.oversight._audits import empty_table
from openpes.oversight._decisions import assessment_decisions, suggestion_decisions
from openpes.oversight._drift import drift_table
from openpes.oversight._exposure import band_exposure, suggestion_exposure
from openpes.oversight._inputs import (
    Windows,
    as_frame,
    materialise,
    prepare_assessments,
    prepare_suggestions,
    to_polars,
)
from openpes.oversight._monitor import Context, finish
from openpes.oversight._performance import performance
from openpes.oversight._policy import OversightPolicy, default_policy
from openpes.oversight._results import MonitorResult, OversightRun

__all__ = ["run_monitors"]

_ = messages("openpes.oversight")

Monitor = Callable[[nw.LazyFrame[Any], Context], MonitorResult]

#: The monitors of each kind of AI system, in the order reports show them. A third system
#: of an existing kind needs only its id in the ``system`` column of its output.
SUGGESTION_MONITORS = (("exposure", suggestion_exposure), ("human_decisions", suggestion_decisions))
ASSESSMENT_MONITORS = (
    ("exposure", band_exposure),
    ("performance", performance),
    ("human_decisions", assessment_decisions),
    ("anchoring", anchoring),
)
OUTPUT_DRIFT = {
    "suggestions": ("score", "salary", "distance_km"),
    "assessments": ("probability", "model_band"),
}


def _systems(frame: nw.LazyFrame[Any]) -> list[str]:
    values = to_polars(frame.select("system").unique())["system"].drop_nulls().to_list()
    return sorted(str(v) for v in values)


def _drift(
    frame: nw.LazyFrame[Any],
    columns: Sequence[str],
    ctx: Context,
    *,
    system: str,
    features: tuple[nw.LazyFrame[Any], nw.LazyFrame[Any]] | None,
) -> MonitorResult:
    size = ctx.policy.fairness.min_group_size
    table, bins = drift_table(
        frame.filter(nw.col("_current")),
        frame.filter(nw.col("_period") == "reference"),
        columns=columns,
        min_group_size=size,
    )
    tables = {"bins": bins.with_columns(pl.lit("output").alias("source"))}
    if features is not None:
        ftable, fbins = drift_table(*features, min_group_size=size)
        table = pl.concat([table, ftable], how="vertical_relaxed")
        tables["bins"] = pl.concat(
            [tables["bins"], fbins.with_columns(pl.lit("input").alias("source"))],
            how="vertical_relaxed",
        )
    table = pl.concat([empty_table(), table], how="diagonal_relaxed")
    smallest = table["n"].min() if table.height else None
    total = float(smallest) if isinstance(smallest, int | float) else 0.0
    return finish(ctx, system=system, monitor="drift", table=table, total=total, tables=tables)


def run_monitors(
    *,
    suggestions: IntoFrame | None,
    assessments: IntoFrame | None,
    outcomes: IntoFrame | None,
    features_current: IntoFrame | None = None,
    features_reference: IntoFrame | None = None,
    sensitive: Sequence[str],
    policy: OversightPolicy | None = None,
    period_start: datetime,
    period_end: datetime,
    reference_start: datetime,
    reference_end: datetime,
    reveal_small_groups: bool = True,
    intersections: int = 2,
    engine: Literal["polars", "spark"] = "polars",
    monitors: Sequence[str] | None = None,
) -> OversightRun:
    """Compute every monitor of every AI system for the period and raise the alerts.

    Parameters
    ----------
    suggestions
        One row per suggestion shown: ``person_id``, ``shown_at``, ``decided_at``,
        ``verdict`` (``accepted``/``adapted``/``rejected``/null), ``score`` (0-1),
        ``salary``, ``distance_km``, ``team``, ``counsellor``, the ``sensitive`` columns,
        and optionally ``system`` (default ``"matching"``). None: no suggestion system.
    assessments
        One row per support-needs assessment: ``person_id``, ``model_band``,
        ``counsellor_band`` (the counsellor's own view, recorded before seeing the
        model's; null when not recorded), ``final_band`` (null until decided; bands are
        ``low``/``medium``/``high``), ``probability`` (calibrated probability of not being
        back in work within 12 months), ``shown_at``, ``decided_at``, ``team``,
        ``counsellor``, the ``sensitive`` columns, optionally ``system`` (default
        ``"support_needs"``). None: no assessment system.
    outcomes
        ``person_id`` and ``employed_within_12m`` (bool, null while unknown). People
        without a known outcome get *estimated* performance figures.
    features_current, features_reference
        Optional model inputs now and at training time, for the support-needs drift.
    sensitive
        Protected attributes to break every monitor down by.
    policy
        The rules; by default :func:`default_policy`.
    period_start, period_end, reference_start, reference_end
        The monitored period and the reference window (half-open, not overlapping), by
        ``shown_at``.
    reveal_small_groups
        True for the oversight role (exact small numbers); False suppresses groups
        under the policy's ``min_group_size`` (team leads).
    intersections
        Break down by combinations of up to this many attributes.
    engine
        ``"polars"``, or ``"spark"`` to compute on PySpark DataFrames (e.g. an export).
    monitors
        Compute only these monitors (e.g. ``["human_decisions"]`` for a team's page); by
        default all of them.

    Returns
    -------
    OversightRun

    Examples
    --------
    >>> from datetime import datetime
    >>> import polars as pl
    >>> n = 400
    >>> assessments = pl.DataFrame({
    ...     "person_id": list(range(n)),
    ...     "model_band": ["low", "medium", "high", "high"] * (n // 4),
    ...     "counsellor_band": ["low", "high", "medium", None] * (n // 4),
    ...     "final_band": ["low", "high", "high", "medium"] * (n // 4),
    ...     "probability": [0.2, 0.5, 0.8, 0.7] * (n // 4),
    ...     "shown_at": [datetime(2026, 1 + i % 2 * 9, 5) for i in range(n)],
    ...     "decided_at": [datetime(2026, 1 + i % 2 * 9, 5, 0, 5) for i in range(n)],
    ...     "team": "north", "counsellor": "c1", "sex": ["F", "M"] * (n // 2),
    ... })
    >>> run = run_monitors(
    ...     suggestions=None, assessments=assessments, outcomes=None, sensitive=["sex"],
    ...     period_start=datetime(2026, 10, 1), period_end=datetime(2026, 11, 1),
    ...     reference_start=datetime(2026, 1, 1), reference_end=datetime(2026, 2, 1),
    ... )
    >>> [m.monitor for m in run.systems["support_needs"]]
    ['exposure', 'performance', 'human_decisions', 'anchoring', 'drift']
    >>> run.monitor("support_needs", "performance").estimated
    True
    """
    if engine not in ("polars", "spark"):
        raise InputError(
            _("engine must be 'polars' or 'spark', got {value}").format(value=repr(engine))
        )
    windows = Windows(period_start, period_end, reference_start, reference_end)
    windows.check()
    attrs = tuple(sensitive)
    if not attrs:
        raise InputError(_("give at least one sensitive column"))
    policy = policy or default_policy()
    wanted = set(monitors) if monitors is not None else None

    def chosen(name: str) -> bool:
        return wanted is None or name in wanted

    ctx = Context(
        sensitive=attrs,
        intersections=max(1, intersections),
        policy=policy,
        engine=engine,
        reveal=reveal_small_groups,
    )
    features = None
    if (features_current is None) != (features_reference is None):
        raise InputError(_("give both features_current and features_reference, or neither"))
    if features_current is not None and features_reference is not None:
        features = (
            as_frame(features_current, source="features_current", engine=engine),
            as_frame(features_reference, source="features_reference", engine=engine),
        )
    systems: dict[str, list[MonitorResult]] = {}
    if suggestions is not None:
        frame = prepare_suggestions(
            as_frame(suggestions, source="suggestions", engine=engine),
            sensitive=attrs,
            windows=windows,
            high_score=policy.high_score,
            fast_seconds=policy.fast_decision_seconds,
        )
        frame = materialise(frame, engine)
        for system in _systems(frame) or ["matching"]:
            part = frame.filter(nw.col("system") == system)
            results = [
                monitor(part, ctx, system=system)
                for name, monitor in SUGGESTION_MONITORS
                if chosen(name)
            ]
            if chosen("drift"):
                results.append(
                    _drift(part, OUTPUT_DRIFT["suggestions"], ctx, system=system, features=None)
                )
            systems[system] = results
    if assessments is not None:
        known = None if outcomes is None else as_frame(outcomes, source="outcomes", engine=engine)
        frame = prepare_assessments(
            as_frame(assessments, source="assessments", engine=engine),
            known,
            sensitive=attrs,
            windows=windows,
            fast_seconds=policy.fast_decision_seconds,
        )
        frame = materialise(frame, engine)
        for system in _systems(frame) or ["support_needs"]:
            part = frame.filter(nw.col("system") == system)
            results = [
                monitor(part, ctx, system=system)
                for name, monitor in ASSESSMENT_MONITORS
                if chosen(name)
            ]
            if chosen("drift"):
                results.append(
                    _drift(part, OUTPUT_DRIFT["assessments"], ctx, system=system, features=features)
                )
            systems[system] = results
    alerts = [
        alert for results in systems.values() for result in results for alert in result.alerts
    ]
    return OversightRun(
        systems=systems,
        alerts=alerts,
        period_start=period_start,
        period_end=period_end,
        reference_start=reference_start,
        reference_end=reference_end,
        sensitive=attrs,
        engine=engine,
    )
