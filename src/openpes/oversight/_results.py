"""What a monitoring run returns: monitor results, alerts and the run itself.

Results are plain data; the document (:mod:`._document`) and the JSON (:mod:`._export`)
are built from them, never the reverse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, TypeAlias

import polars as pl

from openpes.fairness import Verdict

__all__ = [
    "MONITORS",
    "SYSTEMS",
    "Alert",
    "MonitorName",
    "MonitorResult",
    "OversightRun",
    "Severity",
    "SystemId",
    "worst",
]

#: An AI system under oversight. A third system is a new id plus its monitors in ``_run``.
SystemId: TypeAlias = str
SYSTEMS: tuple[SystemId, ...] = ("matching", "support_needs")

MonitorName: TypeAlias = Literal["exposure", "performance", "human_decisions", "anchoring", "drift"]
MONITORS: tuple[MonitorName, ...] = (
    "exposure",
    "performance",
    "human_decisions",
    "anchoring",
    "drift",
)

Severity: TypeAlias = Literal["warn", "fail"]

_ORDER = {"pass": 0, "insufficient": 1, "warn": 2, "fail": 3}


def worst(verdicts: Sequence[str]) -> Verdict:
    """The worst of some verdicts (fail > warn > insufficient > pass); none is insufficient.

    Examples
    --------
    >>> worst(["pass", "warn", "insufficient"]), worst([])
    ('warn', 'insufficient')
    """
    if not verdicts:
        return "insufficient"
    return max(verdicts, key=_ORDER.__getitem__)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Alert:
    """A monitor rule that was crossed, for one group, in the monitored period.

    ``value`` is the group's figure with its 95% interval ``low``-``high``;
    ``reference_value`` is what it is compared with (the reference group's figure for a
    disparity, the reference period's figure for a level such as drift). ``verdict`` is
    the policy verdict, never more severe than the rule's ``severity``.
    """

    system: SystemId
    monitor: MonitorName
    attribute: str
    group: str
    metric: str
    value: float | None
    low: float | None
    high: float | None
    reference_value: float | None
    verdict: Verdict
    rule: str
    severity: Severity
    reference_group: str | None = None
    n: int | None = None
    auto_pause: bool = False
    estimated: bool = False

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies the same alert across runs: system, monitor, attribute, group, metric."""
        return (self.system, self.monitor, self.attribute, self.group, self.metric)


@dataclass(frozen=True)
class MonitorResult:
    """One monitor of one AI system over the period.

    ``table`` has one row per group (``attribute``, ``group``, ``n``) and metric
    (``metric``, ``value``, ``low``, ``high``, ``reference_value``, ``verdict``).
    ``tables`` holds the monitor's other views by name (``"trend"``: the same metrics per
    calendar month; ``"by_team"``, ``"by_counsellor"``, ``"means"``, ...).
    ``estimated`` is true when figures come from calibrated probabilities rather than
    known outcomes (confidence-based performance estimation).
    """

    system: SystemId
    monitor: MonitorName
    verdict: Verdict
    table: pl.DataFrame
    estimated: bool = False
    n: int = 0
    tables: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    alerts: tuple[Alert, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class OversightRun:
    """Every monitor of every AI system for one period, and the alerts raised."""

    systems: dict[SystemId, list[MonitorResult]]
    alerts: list[Alert]
    period_start: datetime
    period_end: datetime
    reference_start: datetime
    reference_end: datetime
    sensitive: tuple[str, ...] = ()
    engine: str = "polars"

    def verdict(self, system: SystemId) -> Verdict:
        """The worst verdict of a system's monitors."""
        return worst([m.verdict for m in self.systems.get(system, [])])

    def monitor(self, system: SystemId, monitor: MonitorName) -> MonitorResult | None:
        """One system's result for one monitor, or None when it was not run."""
        return next((m for m in self.systems.get(system, []) if m.monitor == monitor), None)
