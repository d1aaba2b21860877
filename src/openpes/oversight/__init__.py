"""Live oversight of the AI systems and of the people who use them.

:func:`run_monitors` computes, per AI system (``matching``, ``support_needs``) and for one
period against a reference window, five monitors, each with the group statistics of
:func:`openpes.fairness.audit` (intervals, policy verdicts, small-group suppression):

1. ``exposure``: what each group is given (suggestions, support-needs bands);
2. ``performance``: how the model performs per group, realised from outcomes or
   *estimated* from calibrated probabilities before outcomes arrive;
3. ``human_decisions``: how counsellors decide (accept/adapt/reject, overrides by
   direction, by team and counsellor, signs of rubber-stamping);
4. ``anchoring``: how often counsellors move from their own view towards the model's;
5. ``drift``: population stability index of the inputs, and new categories.

Rules of an :class:`OversightPolicy` turn crossings into :class:`Alert` objects.
:func:`oversight_document` builds the report; :func:`run_to_dict` the JSON;
:func:`result_to_data` stores a result from which its document is built later.
See ``docs/oversight.md``.
"""

from __future__ import annotations

from openpes.oversight._document import oversight_document
from openpes.oversight._export import run_to_dict
from openpes.oversight._labels import describe_group, describe_metric, group_code
from openpes.oversight._metrics import METRIC_SPECS, MetricSpec
from openpes.oversight._policy import (
    DEFAULT_POLICY_PATH,
    MonitorRule,
    OversightPolicy,
    default_policy,
    load_policy,
)
from openpes.oversight._results import (
    MONITORS,
    SYSTEMS,
    Alert,
    MonitorName,
    MonitorResult,
    OversightRun,
    Severity,
    SystemId,
)
from openpes.oversight._run import run_monitors
from openpes.oversight._storable import result_from_data, result_to_data, run_from_results
from openpes.oversight._text import monitor_name, monitor_names

__all__ = [
    "DEFAULT_POLICY_PATH",
    "METRIC_SPECS",
    "MONITORS",
    "SYSTEMS",
    "Alert",
    "MetricSpec",
    "MonitorName",
    "MonitorResult",
    "MonitorRule",
    "OversightPolicy",
    "OversightRun",
    "Severity",
    "SystemId",
    "default_policy",
    "describe_group",
    "describe_metric",
    "group_code",
    "load_policy",
    "monitor_name",
    "monitor_names",
    "oversight_document",
    "result_from_data",
    "result_to_data",
    "run_from_results",
    "run_monitors",
    "run_to_dict",
]
