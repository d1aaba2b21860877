"""The register's adapter to the oversight app (issue 11), which may not be installed yet.

The register shows monitor verdicts, open alerts and pauses, but it must not depend on the
oversight app: when ``openpes.web.oversight`` is not installed (or does not offer the
function below), every function here returns ``None`` and the register says "not
available yet". To wire it, the oversight app provides in its ``selectors`` module::

    def register_facts(*, system: str) -> dict:
        # {"monitor_verdicts": [(monitor, verdict, checked_iso), ...],
        #  "open_alerts": int, "alert_monitors": [monitor, ...],
        #  "pauses": int, "paused": bool,
        #  "latest_audit": (date_iso, verdict) or None}

and calls ``openpes.web.register.selectors.frias_flagged()`` on its dashboard and
``openpes.web.register.literacy.can_pause(user)`` before a pause.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps

__all__ = ["OVERSIGHT_APP", "oversight_facts"]

OVERSIGHT_APP = "openpes.web.oversight"


def oversight_facts(system: str) -> dict[str, Any] | None:
    """What the oversight app knows about ``system``, or None while it is not available."""
    if not apps.is_installed(OVERSIGHT_APP):
        return None
    try:
        selectors = import_module(f"{OVERSIGHT_APP}.selectors")
    except ImportError:
        return None
    reader = getattr(selectors, "register_facts", None)
    if reader is None:
        return None
    facts = reader(system=system)
    return dict(facts) if facts is not None else None
