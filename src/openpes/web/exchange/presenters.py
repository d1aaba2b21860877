"""What the hub's pages show: metric names and numbers in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from openpes import readiness as core_readiness
from openpes.exchange import Benchmarks, Cell
from openpes.i18n import LocalisedText
from openpes.web.exchange.selectors import SAFEGUARDS

RATES = {"indicators:override_rate", "indicators:review_rate"}


def metric_label(metric: str, language: str) -> str:
    if metric.startswith("readiness:"):
        _kind, _framework, dimension = metric.split(":", 2)
        try:
            return core_readiness.dimension_title(
                core_readiness.load_framework(), dimension, language
            )
        except (KeyError, StopIteration, ValueError):
            return dimension
    return {
        "indicators:override_rate": _("Decisions that differ from the AI's suggestion"),
        "indicators:review_rate": _("Human reviews asked for, per decision"),
        "indicators:alerts": _("Open monitoring alerts"),
        "indicators:pauses": _("Pauses with the stop switch"),
    }.get(metric, metric)


def safeguard_label(key: str) -> str:
    return {
        "counsellor_first": _("Counsellor first"),
        "stop_switch": _("Stop switch"),
        "review_route": _("Review route"),
        "fria_done": _("FRIA done"),
    }[key]


def _number(metric: str, value: float, text: LocalisedText) -> str:
    """A benchmark figure as the reader's language writes it (``35 %`` in French)."""
    if metric in RATES:
        return text.percent(value, 0)
    if metric.startswith("readiness:"):
        return text.number(value, 0)
    # One decimal, left out when it is 0 (12, not 12.0).
    return text.number(value, 0 if round(value, 1) == round(value) else 1)


@dataclass(frozen=True)
class BenchmarkRow:
    label: str
    cell: Cell | None
    q1: str
    median: str
    q3: str


def benchmark_rows(
    bench: Benchmarks, filters: dict[str, str], *, prefix: str, language: str
) -> list[BenchmarkRow]:
    rows = []
    text = LocalisedText("openpes.exchange", language)
    for metric in bench.metrics():
        if not metric.startswith(prefix):
            continue
        cell = bench.cell(metric, filters)
        rows.append(
            BenchmarkRow(
                label=metric_label(metric, language),
                cell=cell,
                q1=_number(metric, cell.q1, text) if cell else "",
                median=_number(metric, cell.median, text) if cell else "",
                q3=_number(metric, cell.q3, text) if cell else "",
            )
        )
    return rows


def safeguard_columns() -> list[tuple[str, str]]:
    return [(key, safeguard_label(key)) for key in SAFEGUARDS]


def localised(texts: Any, language: str) -> str:
    if isinstance(texts, dict):
        return str(texts.get(language) or texts.get("en") or next(iter(texts.values()), ""))
    return str(texts or "")
