"""Audit policies: which disparities are acceptable, read from a TOML file."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from openpes.errors import InputError
from openpes.fairness._metrics import METRICS, RATE_METRICS
from openpes.fairness._significance import Correction
from openpes.files import decode_text
from openpes.i18n import messages

__all__ = ["DEFAULT_POLICY", "Bound", "Policy", "load_policy"]

_ = messages("openpes.fairness")


@dataclass(frozen=True)
class Bound:
    """Acceptable range of one metric's disparity against the reference.

    A disparity *crosses* the bound when its ratio is outside ``[ratio_low, ratio_high]``
    or the absolute difference exceeds ``difference``; either is enough.
    """

    ratio_low: float | None = None
    ratio_high: float | None = None
    difference: float | None = None

    def smallest_effect(self, reference_rate: float) -> float:
        """Smallest absolute difference from ``reference_rate`` that crosses the bound."""
        effects = []
        if self.difference is not None:
            effects.append(self.difference)
        if self.ratio_low is not None:
            effects.append(reference_rate * (1 - self.ratio_low))
        if self.ratio_high is not None:
            effects.append(reference_rate * (self.ratio_high - 1))
        return min(effects) if effects else math.inf


@dataclass(frozen=True)
class Policy:
    """What an audit judges: metric bounds, significance level, correction, group size.

    ``favourable_prediction`` says whether a positive decision (prediction = 1) is good
    for the person; it only decides which group is "best" for the selection rate.
    """

    bounds: Mapping[str, Bound] = field(default_factory=dict)
    alpha: float = 0.05
    correction: Correction = "holm"
    min_group_size: int = 10
    favourable_prediction: Literal[0, 1] = 1


#: Used when no policy is given: the four-fifths rule on selection rates, and at most
#: five percentage points between groups on the error-rate families. FNR, TNR, FDR and
#: FOR are left out because they are complements of TPR, FPR, PPV and NPV and would
#: repeat the same tests.
DEFAULT_POLICY = Policy(
    bounds={
        "selection_rate": Bound(ratio_low=0.8, ratio_high=1.25),
        "tpr": Bound(difference=0.05),
        "fpr": Bound(difference=0.05),
        "ppv": Bound(difference=0.05),
        "npv": Bound(difference=0.05),
        "accuracy": Bound(difference=0.05),
    }
)


def _number(value: Any, *, file: str, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError(
            _("{key} must be a number between {low} and {high}, got {value}").format(
                key=where, low=low, high=high, value=repr(value)
            ),
            file=file,
        )
    return float(value)


def load_policy(path: str | Path) -> Policy:
    """Read a policy from a TOML file.

    Format::

        alpha = 0.05                  # significance level of the tests
        correction = "holm"           # or "bh"
        min_group_size = 10           # smaller groups are suppressed
        favourable_prediction = 1     # is a positive decision good for the person?

        [metrics.selection_rate]
        ratio = [0.8, 1.25]           # allowed group/reference ratio
        [metrics.fpr]
        difference = 0.05             # allowed |group - reference|

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "policy.toml"
    >>> _ = p.write_text("alpha = 0.01\\n[metrics.tpr]\\ndifference = 0.1\\n")
    >>> load_policy(p).bounds["tpr"].difference
    0.1
    """
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(_("policy file not found"), file=file) from None
    except OSError as exc:
        raise InputError(
            _("not a valid TOML policy: {error}").format(error=exc.strerror or str(exc)), file=file
        ) from None
    # UTF-8 with or without a byte order mark; latin-1 is refused naming the line.
    text = decode_text(data, file=file)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            _("not a valid TOML policy: {error}").format(error=str(exc)), file=file
        ) from None
    known = {"alpha", "correction", "min_group_size", "favourable_prediction", "metrics"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise InputError(
            _("unknown policy keys {keys}; expected some of {known}").format(
                keys=str(unknown), known=str(sorted(known))
            ),
            file=file,
        )
    alpha = _number(raw.get("alpha", 0.05), file=file, where="alpha", low=1e-12, high=0.5)
    correction = raw.get("correction", "holm")
    if correction not in ("holm", "bh"):
        raise InputError(
            _("correction must be 'holm' or 'bh', got {value}").format(value=repr(correction)),
            file=file,
        )
    size = raw.get("min_group_size", 10)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise InputError(
            _("min_group_size must be a positive integer, got {value}").format(value=repr(size)),
            file=file,
        )
    favourable = raw.get("favourable_prediction", 1)
    if favourable not in (0, 1) or isinstance(favourable, bool):
        raise InputError(
            _("favourable_prediction must be 0 or 1, got {value}").format(value=repr(favourable)),
            file=file,
        )
    metrics = raw.get("metrics", {})
    if not isinstance(metrics, dict):
        raise InputError(_("[metrics] must be a table of metric names"), file=file)
    bounds: dict[str, Bound] = {}
    for name, spec in metrics.items():
        if name not in RATE_METRICS:
            hint = _(" (score metrics have no disparity tests)") if name in METRICS else ""
            raise InputError(
                _("unknown metric {name} in policy{hint}; expected one of {metrics}").format(
                    name=repr(name), hint=hint, metrics=str(list(RATE_METRICS))
                ),
                file=file,
            )
        if not isinstance(spec, dict) or not set(spec) <= {"ratio", "difference"} or not spec:
            raise InputError(
                _("[metrics.{name}] must set 'ratio = [low, high]' and/or 'difference = d'").format(
                    name=name
                ),
                file=file,
            )
        ratio = spec.get("ratio")
        low = high = None
        if ratio is not None:
            if not isinstance(ratio, list) or len(ratio) != 2:
                raise InputError(
                    _("metrics.{name}.ratio must be [low, high], got {value}").format(
                        name=name, value=repr(ratio)
                    ),
                    file=file,
                )
            low = _number(ratio[0], file=file, where=f"metrics.{name}.ratio low", low=0, high=1)
            high = _number(ratio[1], file=file, where=f"metrics.{name}.ratio high", low=1, high=1e9)
        diff = spec.get("difference")
        if diff is not None:
            diff = _number(diff, file=file, where=f"metrics.{name}.difference", low=0, high=1)
        bounds[name] = Bound(ratio_low=low, ratio_high=high, difference=diff)
    return Policy(
        bounds=bounds or dict(DEFAULT_POLICY.bounds),
        alpha=alpha,
        correction=correction,
        min_group_size=size,
        favourable_prediction=favourable,
    )
