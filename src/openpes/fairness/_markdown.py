"""The Markdown report: the same content as the HTML report, as plain text tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpes.fairness._metrics import CELLS, RATE_METRICS
from openpes.fairness._text import (
    Texts,
    describe_group,
    methods_paragraphs,
    metric_label,
    summary_sentences,
    verdict_label,
    verdict_sentence,
)

if TYPE_CHECKING:
    from openpes.fairness._audit import Audit

__all__ = ["audit_markdown"]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def audit_markdown(result: Audit, *, language: str = "en") -> str:
    """Render the audit as Markdown in ``language``."""
    t = Texts(language)
    _ = t.gettext
    lines = [
        f"# {_('Fairness audit')}",
        "",
        f"## {_('Summary')}",
        "",
        verdict_sentence(result, t),
        "",
    ]
    lines += [f"- {s}" for s in summary_sentences(result, t)] or [
        _("No comparison crossed a bound of the policy.")
    ]
    lines += ["", f"## {_('Comparisons')}", ""]
    header = [
        _("group"),
        _("reference"),
        _("metric"),
        _("ratio"),
        _("difference"),
        _("adjusted p-value"),
        _("smallest detectable difference"),
        _("verdict"),
    ]
    lines += [_row(header), _row(["---"] * len(header))]
    for r in result.disparities.iter_rows(named=True):
        reference = (
            _("everyone else")
            if result.reference == "overall"
            else describe_group(r["reference"], _)
        )
        lines.append(
            _row(
                [
                    describe_group(r["attributes"], _),
                    reference,
                    r["metric"],
                    f"{t.number(r['ratio'])} ({t.number(r['ratio_ci_low'])}–"
                    f"{t.number(r['ratio_ci_high'])})",
                    f"{t.number(r['difference'], 3)} ({t.number(r['difference_ci_low'], 3)}–"
                    f"{t.number(r['difference_ci_high'], 3)})",
                    t.number(r["p_adjusted"], 4),
                    t.number(r["min_detectable_difference"], 3),
                    verdict_label(r["verdict"], _),
                ]
            )
        )
    lines += ["", f"## {_('Groups')}", ""]
    header = [_("group"), "n", *CELLS, *RATE_METRICS]
    lines += [_row(header), _row(["---"] * len(header))]
    for r in result.groups.iter_rows(named=True):
        name = describe_group(r["attributes"], _)
        if r["suppressed"]:
            lines.append(_row([name, _("suppressed"), *[""] * (len(header) - 2)]))
            continue
        lines.append(
            _row(
                [
                    name,
                    *(t.count(r[c]) for c in ("n", *CELLS)),
                    *(t.number(r[m], 3) for m in RATE_METRICS),
                ]
            )
        )
    lines += ["", f"## {_('Methods and caveats')}", ""]
    for paragraph in methods_paragraphs(result, t):
        lines += [paragraph, ""]
    lines += [f"- `{m}`: {metric_label(m, _)}" for m in RATE_METRICS]
    return "\n".join(lines) + "\n"
