"""The monitors' metrics: which system and monitor measure each, and how a rule reads it.

A *disparity* metric is a rate per group compared with the reference group by
:func:`openpes.fairness.audit` (a rule's ``threshold`` is the largest acceptable absolute
difference). A *level* metric is judged on its own value (a rule's ``threshold`` is the
highest acceptable value, or the lowest for metrics where higher is better).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["METRIC_SPECS", "MetricSpec", "metrics_of"]


@dataclass(frozen=True)
class MetricSpec:
    """Where a metric is computed and how a threshold applies to it."""

    name: str
    systems: tuple[str, ...]
    monitor: str
    kind: Literal["disparity", "level"]
    #: For level metrics: ``"above"`` alerts when value > threshold, ``"below"`` when <.
    direction: Literal["above", "below"] = "above"


_BOTH = ("matching", "support_needs")
_MATCHING = ("matching",)
_SUPPORT = ("support_needs",)

METRIC_SPECS: dict[str, MetricSpec] = {
    spec.name: spec
    for spec in (
        # 1. What each group is given.
        MetricSpec("high_score_rate", _MATCHING, "exposure", "disparity"),
        # ... among people with comparable occupations (weighted within-occupation gaps).
        MetricSpec("high_score_rate_within_occupation", _MATCHING, "exposure", "disparity"),
        MetricSpec("score_within_occupation", _MATCHING, "exposure", "disparity"),
        MetricSpec("salary_within_occupation", _MATCHING, "exposure", "disparity"),
        MetricSpec("distance_km_within_occupation", _MATCHING, "exposure", "disparity"),
        MetricSpec("high_band_rate", _SUPPORT, "exposure", "disparity"),
        MetricSpec("low_band_rate", _SUPPORT, "exposure", "disparity"),
        # 2. How the model performs for each group (the high band as the decision).
        MetricSpec("tpr", _SUPPORT, "performance", "disparity"),
        MetricSpec("fpr", _SUPPORT, "performance", "disparity"),
        MetricSpec("ppv", _SUPPORT, "performance", "disparity"),
        MetricSpec("accuracy", _SUPPORT, "performance", "disparity"),
        MetricSpec("auc", _SUPPORT, "performance", "level", "below"),
        MetricSpec("ece", _SUPPORT, "performance", "level", "above"),
        # 3. How people decide.
        MetricSpec("accept_rate", _MATCHING, "human_decisions", "disparity"),
        MetricSpec("adapt_rate", _MATCHING, "human_decisions", "disparity"),
        MetricSpec("reject_rate", _MATCHING, "human_decisions", "disparity"),
        MetricSpec("override_rate", _SUPPORT, "human_decisions", "disparity"),
        MetricSpec("more_support_rate", _SUPPORT, "human_decisions", "disparity"),
        MetricSpec("less_support_rate", _SUPPORT, "human_decisions", "disparity"),
        MetricSpec("agreement_rate", _BOTH, "human_decisions", "level", "above"),
        MetricSpec("fast_decision_rate", _BOTH, "human_decisions", "level", "above"),
        # 4. Anchoring on the model after the counsellor's own view.
        MetricSpec("anchoring_rate", _SUPPORT, "anchoring", "disparity"),
        # 5. Drift of the inputs.
        MetricSpec("psi", _BOTH, "drift", "level", "above"),
        MetricSpec("new_category_share", _BOTH, "drift", "level", "above"),
    )
}


def metrics_of(system: str, monitor: str) -> tuple[MetricSpec, ...]:
    """The metrics one monitor of one system computes.

    Examples
    --------
    >>> [m.name for m in metrics_of("support_needs", "anchoring")]
    ['anchoring_rate']
    """
    return tuple(m for m in METRIC_SPECS.values() if m.monitor == monitor and system in m.systems)
