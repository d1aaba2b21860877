"""Names people read for the monitors' metrics; groups are named by ``openpes.fairness``.

The group words (``describe_group``, ``group_code``) are fairness's, re-exported here for the
oversight pages: one table of words for the audit report and the monitors alike.
"""

from __future__ import annotations

from openpes.fairness import describe_group, group_code, metric_text
from openpes.i18n import translator
from openpes.oversight._text import metric_label

__all__ = ["describe_group", "describe_metric", "group_code"]


def describe_metric(metric: str, language: str = "en", *, codes: bool = False) -> str:
    """A metric's name in ``language``: the oversight monitors' own, else the fairness
    report's, else the code; with ``codes``, the code follows in brackets.

    Examples
    --------
    >>> describe_metric("less_support_rate", codes=True)
    'moved to less support (less_support_rate)'
    >>> describe_metric("selection_rate")
    'selection rate (share with a positive decision)'
    """
    words = metric_label(metric, translator("openpes.oversight", language).gettext)
    if words == metric:
        try:
            words = metric_text(metric, language)
        except KeyError:
            return metric
    return f"{words} ({metric})" if codes else words
