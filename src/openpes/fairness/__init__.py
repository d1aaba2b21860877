"""Fairness audits of decisions: exact group metrics with honest statistics.

:func:`audit` breaks any set of 0/1 decisions (a model's risk band, a recommendation,
a counsellor's decision) down by protected and intersectional groups, and compares each
group with a reference group: rates with Wilson intervals, differences (Newcombe) and
ratios (Katz) with intervals, tests corrected for multiple testing, and the smallest
difference each test could have detected. See ``docs/fairness.md``.

The :class:`Audit` is data; reports and exports are functions of it:
:func:`audit_document` (an :class:`openpes.reports.Document`), :func:`to_html`,
:func:`to_markdown`, :func:`to_json`, :func:`to_dict` and :func:`to_csv`. The reports
name groups in words followed by their codes (``Women (sex=F)``); :func:`describe_group`
and :func:`group_code` give those names to other reports and pages.
"""

from __future__ import annotations

from openpes.fairness._audit import Audit, audit
from openpes.fairness._disparities import Reference, Verdict
from openpes.fairness._engine import Engine
from openpes.fairness._export import to_csv, to_dict, to_json
from openpes.fairness._labels import describe_group, group_code
from openpes.fairness._metrics import METRICS, RATE_METRICS, SCORE_METRICS, MetricName
from openpes.fairness._policy import DEFAULT_POLICY, Bound, Policy, load_policy
from openpes.fairness._report import audit_document, to_html, to_markdown
from openpes.fairness._text import metric_text, verdict_text

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
    "audit_document",
    "describe_group",
    "group_code",
    "load_policy",
    "metric_text",
    "to_csv",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
    "verdict_text",
]
