"""Why a FRIA must be updated (Art. 27(2)), in words: the stored reasons are codes.

A reason is ``alert:<monitor>`` (an alert is open on a monitor a risk names),
``model:<version>`` (the model is not the one assessed) or ``group:<attribute>=<group>``
(a group appears that was not assessed). The exports, the Annex VIII summary and the web's
pages all name them through :func:`fria_reason_text`.
"""

from __future__ import annotations

from openpes.i18n import translator
from openpes.oversight import describe_group, monitor_name

__all__ = ["fria_reason_text"]


def fria_reason_text(reason: str, *, language: str = "en") -> str:
    """One flag reason in ``language``; a reason of a kind not known here is kept as stored.

    Monitors are named by :func:`openpes.oversight.monitor_name`, as everywhere else.

    Examples
    --------
    >>> fria_reason_text("model:abc123")
    'The model changed: version abc123 is not the one assessed'
    >>> fria_reason_text("group:sex=female")
    'A group appears that was not assessed: Women'
    >>> fria_reason_text("alert:drift")
    'An alert is open on a monitor this assessment names: Drift of the inputs'
    >>> fria_reason_text("retired")
    'retired'
    """
    _ = translator("openpes.register", language).gettext
    kind, _sep, value = reason.partition(":")
    if kind == "alert":
        return _("An alert is open on a monitor this assessment names: {monitor}").format(
            monitor=monitor_name(value, language)
        )
    if kind == "model":
        return _("The model changed: version {version} is not the one assessed").format(
            version=value or "—"
        )
    if kind == "group":
        attribute, _eq, group = value.partition("=")
        return _("A group appears that was not assessed: {group}").format(
            group=describe_group(attribute, group, language)
        )
    return reason
