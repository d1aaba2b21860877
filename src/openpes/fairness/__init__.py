"""Fairness audits of decisions: exact group metrics with honest statistics.

:func:`audit` breaks any set of 0/1 decisions (a model's risk band, a recommendation,
a counsellor's decision) down by protected and intersectional groups, and compares each
group with a reference group: rates with Wilson intervals, differences (Newcombe) and
ratios (Katz) with intervals, tests corrected for multiple testing, and the smallest
difference each test could have detected. See ``docs/fairness.md``.
"""

from __future__ import annotations

from openpes.fairness._audit import Audit, audit
from openpes.fairness._disparities import Reference, Verdict
from openpes.fairness._engine import Engine
from openpes.fairness._metrics import METRICS, RATE_METRICS, SCORE_METRICS, MetricName
from openpes.fairness._policy import DEFAULT_POLICY, Bound, Policy, load_policy

__all__ = [
    "DEFAULT_POLICY",
    "METRICS",
    "RATE_METRICS",
    "SCORE_METRICS",
    "Audit",
    "Bound",
    "Engine",
    "MetricName",
    "Policy",
    "Reference",
    "Verdict",
    "audit",
    "load_policy",
]
