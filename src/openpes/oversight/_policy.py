"""The oversight policy: the fairness TOML policy plus the monitors' alert rules.

A policy file is a fairness policy (``docs/fairness.md``) with a ``[monitor]`` table::

    [monitor]
    fast_decision_seconds = 10      # a decision this soon after showing is "fast"
    high_score = 0.5                # a suggestion scoring at least this is a strong match

    [[monitor.rule]]
    monitor = "human_decisions"     # exposure, performance, human_decisions, anchoring, drift
    metric = "less_support_rate"    # see METRIC_SPECS
    system = "support_needs"        # optional: only this AI system
    threshold = 0.05                # disparity: largest |group - reference|; level: limit
    min_group_size = 50             # smaller groups are not judged by this rule
    consecutive_periods = 2         # crossed in this many calendar months in a row
    severity = "fail"               # the worst verdict this rule can give: warn or fail
    auto_pause = false              # pause the system when this rule raises an alert

A malformed rule is refused with the file, the key and the reason; the caller keeps the
policy it had.
"""

from __future__ import annotations

import json
import math
import tempfile
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from openpes.errors import InputError
from openpes.fairness import Policy
from openpes.fairness import load_policy as load_fairness_policy
from openpes.i18n import messages
from openpes.oversight._metrics import METRIC_SPECS
from openpes.oversight._results import MONITORS, Severity

__all__ = ["DEFAULT_POLICY_PATH", "MonitorRule", "OversightPolicy", "default_policy", "load_policy"]

_ = messages("openpes.oversight")

#: The policy shipped with OpenPES, used when no file is given.
DEFAULT_POLICY_PATH = Path(str(files("openpes.oversight") / "default_policy.toml"))

_RULE_KEYS = {
    "monitor",
    "metric",
    "system",
    "threshold",
    "min_group_size",
    "consecutive_periods",
    "severity",
    "auto_pause",
}


@dataclass(frozen=True)
class MonitorRule:
    """One alert rule: when a monitor's metric crosses ``threshold``, raise an alert."""

    monitor: str
    metric: str
    threshold: float
    system: str | None = None
    min_group_size: int = 50
    consecutive_periods: int = 1
    severity: Severity = "warn"
    auto_pause: bool = False

    def applies_to(self, system: str, monitor: str) -> bool:
        """Whether this rule judges ``monitor`` of ``system``."""
        spec = METRIC_SPECS[self.metric]
        return (
            self.monitor == monitor
            and system in spec.systems
            and (self.system is None or self.system == system)
        )

    def describe(self) -> str:
        """The rule in one line, as alerts quote it, in the policy file's own terms.

        Examples
        --------
        >>> MonitorRule("drift", "psi", 0.25, severity="fail").describe()
        'psi ≤ 0.25 (min_group_size = 50, consecutive_periods = 1, severity = fail)'
        """
        spec = METRIC_SPECS[self.metric]
        if spec.kind == "disparity":
            limit = f"|Δ {self.metric}| ≤ {self.threshold:g}"
        else:
            sign = "≥" if spec.direction == "below" else "≤"
            limit = f"{self.metric} {sign} {self.threshold:g}"
        return (
            f"{limit} (min_group_size = {self.min_group_size},"
            f" consecutive_periods = {self.consecutive_periods}, severity = {self.severity})"
        )


@dataclass(frozen=True)
class OversightPolicy:
    """The fairness policy the monitors' audits use, and the alert rules."""

    fairness: Policy
    rules: tuple[MonitorRule, ...]
    fast_decision_seconds: float = 10.0
    #: A suggestion with at least this score is a strong match (exposure's high_score_rate).
    high_score: float = 0.5
    source: str | None = None

    def rules_for(self, system: str, monitor: str) -> tuple[MonitorRule, ...]:
        """The rules that judge one monitor of one system."""
        return tuple(r for r in self.rules if r.applies_to(system, monitor))


def _refuse(file: str, key: str, reason: Any) -> InputError:
    return InputError(_("key {key}: {reason}").format(key=key, reason=reason), file=file)


def _toml_value(value: Any) -> str:
    # The fairness part is re-read by the fairness loader, which checks every value; JSON
    # spelling of numbers, strings, booleans and flat lists is also valid TOML.
    if isinstance(value, float) and not math.isfinite(value):
        return "nan"
    return json.dumps(value)


def _fairness_toml(raw: dict[str, Any], file: str) -> str:
    lines = [f"{k} = {_toml_value(v)}" for k, v in raw.items() if k != "metrics"]
    metrics = raw.get("metrics", {})
    if not isinstance(metrics, dict):
        raise _refuse(file, "metrics", _("must be a table of metric names"))
    for name, spec in metrics.items():
        lines.append(f"[metrics.{json.dumps(name)}]")
        if not isinstance(spec, dict):
            raise _refuse(file, f"metrics.{name}", _("must be a table"))
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in spec.items())
    return "\n".join(lines) + "\n"


def _fairness_part(raw: dict[str, Any], file: str) -> Policy:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.toml"
        path.write_text(_fairness_toml(raw, file), encoding="utf-8")
        try:
            return load_fairness_policy(path)
        except InputError as exc:
            # Name the user's file, not the temporary copy.
            raise InputError(exc.reason, file=file) from None


def _number(rule: dict[str, Any], key: str, where: str, file: str, default: Any) -> float:
    value = rule.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _refuse(file, where, _("must be a number, got {value}").format(value=repr(value)))
    if value < 0:
        raise _refuse(file, where, _("must not be negative, got {value}").format(value=value))
    return float(value)


def _count(rule: dict[str, Any], key: str, where: str, file: str, default: int) -> int:
    value = rule.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _refuse(
            file, where, _("must be a positive integer, got {value}").format(value=repr(value))
        )
    return value


def _choice(value: Any, choices: tuple[str, ...], where: str, file: str) -> str:
    if value not in choices:
        raise _refuse(
            file,
            where,
            _("must be one of {choices}, got {value}").format(
                choices=", ".join(choices), value=repr(value)
            ),
        )
    return str(value)


def _rule(rule: Any, index: int, file: str) -> MonitorRule:
    where = f"monitor.rule[{index}]"
    if not isinstance(rule, dict):
        raise _refuse(file, where, _("must be a table"))
    unknown = sorted(set(rule) - _RULE_KEYS)
    if unknown:
        raise _refuse(
            file,
            f"{where}.{unknown[0]}",
            _("unknown key; expected some of {keys}").format(keys=", ".join(sorted(_RULE_KEYS))),
        )
    for required in ("monitor", "metric", "threshold"):
        if required not in rule:
            raise _refuse(file, f"{where}.{required}", _("is required"))
    monitor = _choice(rule["monitor"], MONITORS, f"{where}.monitor", file)
    known = tuple(n for n, s in METRIC_SPECS.items() if s.monitor == monitor)
    metric = _choice(rule["metric"], known, f"{where}.metric", file)
    system = rule.get("system")
    if system is not None:
        system = _choice(system, METRIC_SPECS[metric].systems, f"{where}.system", file)
    threshold = _number(rule, "threshold", f"{where}.threshold", file, None)
    spec = METRIC_SPECS[metric]
    if (spec.kind == "disparity" or metric.endswith("_rate")) and threshold > 1:
        raise _refuse(
            file,
            f"{where}.threshold",
            _("must be between 0 and 1 for a rate, got {value}").format(value=threshold),
        )
    severity = _choice(rule.get("severity", "warn"), ("warn", "fail"), f"{where}.severity", file)
    auto_pause = rule.get("auto_pause", False)
    if not isinstance(auto_pause, bool):
        raise _refuse(
            file,
            f"{where}.auto_pause",
            _("must be true or false, got {value}").format(value=repr(auto_pause)),
        )
    return MonitorRule(
        monitor=monitor,
        metric=metric,
        system=system,
        threshold=threshold,
        min_group_size=_count(rule, "min_group_size", f"{where}.min_group_size", file, 50),
        consecutive_periods=_count(
            rule, "consecutive_periods", f"{where}.consecutive_periods", file, 1
        ),
        severity=severity,  # type: ignore[arg-type]
        auto_pause=auto_pause,
    )


def load_policy(source: str | Path) -> OversightPolicy:
    """Read an oversight policy (a fairness policy with monitor rules) from a TOML file.

    Parameters
    ----------
    source
        Path of the TOML file; see the module documentation for its format.

    Returns
    -------
    OversightPolicy

    Raises
    ------
    InputError
        When the file is missing or not TOML, or a value or rule is malformed; the
        message names the file, the key and the reason.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "policy.toml"
    >>> _ = p.write_text('''
    ... [[monitor.rule]]
    ... monitor = "human_decisions"
    ... metric = "less_support_rate"
    ... threshold = 0.05
    ... severity = "fail"
    ... ''')
    >>> load_policy(p).rules[0].severity
    'fail'
    >>> rule = 'monitor = "drift"\\nmetric = "psi"\\nthreshold = -1\\n'
    >>> _ = p.write_text('[[monitor.rule]]\\n' + rule)
    >>> load_policy(p)
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: file ...: key monitor.rule[0].threshold: must not be negative, got -1
    """
    file = str(source)
    try:
        raw = tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(_("policy file not found"), file=file) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            _("not a valid TOML policy: {reason}").format(reason=str(exc)), file=file
        ) from None
    monitor = raw.pop("monitor", {})
    if not isinstance(monitor, dict):
        raise _refuse(file, "monitor", _("must be a table"))
    unknown = sorted(set(monitor) - {"rule", "fast_decision_seconds", "high_score"})
    if unknown:
        raise _refuse(
            file,
            f"monitor.{unknown[0]}",
            _("unknown key; expected some of {keys}").format(
                keys="rule, fast_decision_seconds, high_score"
            ),
        )
    rules_raw = monitor.get("rule", [])
    if not isinstance(rules_raw, list):
        raise _refuse(file, "monitor.rule", _("must be an array of tables [[monitor.rule]]"))
    rules = tuple(_rule(rule, i, file) for i, rule in enumerate(rules_raw))
    seconds = _number(monitor, "fast_decision_seconds", "monitor.fast_decision_seconds", file, 10)
    high_score = _number(monitor, "high_score", "monitor.high_score", file, 0.5)
    if high_score > 1:
        raise _refuse(
            file,
            "monitor.high_score",
            _("must be between 0 and 1 for a rate, got {value}").format(value=high_score),
        )
    return OversightPolicy(
        fairness=_fairness_part(raw, file),
        rules=rules,
        fast_decision_seconds=seconds,
        high_score=high_score,
        source=file,
    )


def default_policy() -> OversightPolicy:
    """The policy shipped with OpenPES (``default_policy.toml`` in this package).

    Examples
    --------
    >>> any(r.metric == "less_support_rate" for r in default_policy().rules)
    True
    """
    return load_policy(DEFAULT_POLICY_PATH)
